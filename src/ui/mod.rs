//! All egui code. Views read the model and push commands; the app applies them.

pub mod app;
pub mod bank;
pub mod command;
pub mod health;
pub mod hiring_loop;
pub mod interview;
pub mod panel;
pub mod scorecard;
pub mod session;
pub mod shared;
pub mod shell;
pub mod style;
pub mod tasks;
pub mod widgets;

use std::path::PathBuf;

pub use app::{AppState, Prefs, ScorecardApp, View};

/// Prepares a context for the app: fonts, style, and keystrokes held across focus moves.
/// The app and the GUI tests both start from here, so tests meet the same input handling.
pub fn setup_context(ctx: &egui::Context) {
    style::fonts::install(ctx);
    style::theme::style(ctx);
    shell::input_hold::install(ctx);
    // Zoom keys go through the app's shortcut table (so the level is remembered and the F1
    // sheet lists them); egui's own handler would apply them a second time.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
}

/// Opens the main window and runs until it is closed.
pub fn run_app(data_dir: Option<PathBuf>, extra_bank: Vec<PathBuf>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Interview Scorecard")
            .with_app_id("interview-scorecard")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0])
            .with_icon(icon()),
        // The bundled fonts cover the scripts of candidate names; the system's fonts are
        // enumerated only for a character none of them has (see `style::fonts`), instead of on
        // a thread at every start.
        system_font_fallback: false,
        ..Default::default()
    };
    eframe::run_native(
        "Interview Scorecard",
        options,
        Box::new(move |cc| {
            let app = ScorecardApp::new(cc, data_dir, extra_bank);
            // After the bundled scripts' provider, which `setup_context` installed: a bundled
            // font wins over a system one, so names look the same on every machine.
            cc.egui_ctx
                .add_font_provider(std::sync::Arc::new(style::fonts::SystemFallback::default()));
            Ok(Box::new(app))
        }),
    )
}

/// The window icon, decoded from the bundled PNG; a blank icon if decoding ever failed.
fn icon() -> std::sync::Arc<egui::IconData> {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png"))
        .unwrap_or_default();
    std::sync::Arc::new(icon)
}
