//! The caseworkers' desk, served by `krok run` on `desk_listen`: a day's bookings (with a
//! print view, a CSV download and cancelling through the same pipeline as `/cancelbooking`),
//! signed in without passwords through a one-time link that `/desk` sends in the chat; demand
//! figures as charts, links and cards, the printable directory and the content's state.
//!
//! - `keys`: secrets from the CSPRNG, kept as SHA-256, compared in constant time.
//! - `access`: sign-in links, sessions (the `DeskStore` port) and form tokens.
//! - `pages`: the HTML, rendered on the server, no scripts; `charts`: the figures as SVG.
//! - `search`: a booking found by what a person says on the phone (code, name, phone).
//! - `server`: the routes, security headers and the audit trail; `origin`: forms from
//!   other sites and requests for other host names refused; `sign`: signing in and out;
//!   `bookings`: the booking routes (list, CSV, cancel, mark); `reports`: the content's
//!   state, the directory, links and cards, the figures.

mod access;
#[cfg(any(feature = "telegram", feature = "matrix"))]
mod bookings;
mod charts;
mod keys;
#[cfg(any(feature = "telegram", feature = "matrix"))]
mod origin;
pub mod pages;
#[cfg(any(feature = "telegram", feature = "matrix"))]
mod reports;
pub mod search;
#[cfg(any(feature = "telegram", feature = "matrix"))]
pub mod server;
#[cfg(any(feature = "telegram", feature = "matrix"))]
mod sign;

pub use access::{Access, LINK_SECONDS, Opened, SESSION_SECONDS};
