//! Platform adapters: platform event -> `Inbound`, `Reply` -> platform message. They never
//! decide what to say.

pub mod console;
#[cfg(feature = "matrix")]
pub mod matrix;
#[cfg(feature = "telegram")]
pub mod telegram;
