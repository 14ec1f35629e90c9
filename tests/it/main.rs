//! The one integration test binary (one link of the heavy dependencies, not one per file).
// matrix-sdk's sync future is deep enough to need it.
#![recursion_limit = "256"]

mod app;
mod booking;
mod booking_questions;
mod booking_store;
mod botapi;
mod bounded;
mod campaign;
mod cli;
mod content;
mod contract;
mod conversations;
mod crisis;
mod demand;
mod desk;
mod desk_access;
mod desk_browser;
mod desk_store;
mod faults;
mod fuzz;
mod matrix;
mod ops;
mod peers;
#[path = "../../benches/peers/drive.rs"]
mod peers_drive;
mod pipeline;
mod print;
mod privacy;
mod procstat;
mod props;
mod routing;
mod store;
mod support;
mod telegram;
