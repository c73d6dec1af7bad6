//! Work that runs off the UI thread.

pub mod save_dialog;
