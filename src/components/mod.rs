//! Reusable pieces of the interface, one component per file.

pub mod batch_actions;
pub mod download_buttons;
pub mod field_editor;
pub mod items_table;
pub mod more_options;
pub mod output_choice;
pub mod poller;
pub mod progress_bar;
pub mod prompt_box;
pub mod review_panel;
pub mod service_status;
pub mod status_badge;
pub mod templates;
pub mod url_input;
