//! The one integration test binary (one link of the heavy dependencies, not one per file).

mod app;
mod booking;
mod botapi;
mod cli;
mod content;
mod conversations;
mod props;
mod store;
mod support;
mod telegram;
