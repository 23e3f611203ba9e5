//! Reusable pieces of the interface, one component per file.

pub mod service_status;
