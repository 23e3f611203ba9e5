//! The HTTP API under `/api`, one file per resource.

pub mod batches;
pub mod body;
pub mod health;
pub mod openapi;
pub mod screenshots;

pub use body::JsonBody;
