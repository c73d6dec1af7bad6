//! Every byte that touches disk goes through here. No egui.

pub mod atomic;
pub mod autosave;
pub mod bank_files;
pub mod dirs;
pub mod error;
pub mod health_index;
pub mod health_sources;
pub mod history;
pub mod input;
pub mod keys;
pub mod loop_folder;
pub mod panel_files;
pub mod paths;
pub mod plan_draft;
pub mod plans;
pub mod ron_file;
pub mod sessions;
pub mod startup;
pub mod sync_names;
pub mod trust;
pub mod user_sets;

pub use atomic::write_atomic;
pub use dirs::AppDirs;
pub use error::StoreError;
