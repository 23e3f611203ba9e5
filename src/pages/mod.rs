//! One module per screen.

pub mod batch;
pub mod history;
pub mod home;
pub mod new_batch;
pub mod popup;
pub mod settings;
