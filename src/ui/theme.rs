//! Light and dark themes, and the zoom range.

use serde::{Deserialize, Serialize};

/// Which theme the user chose.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }

    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

pub const MIN_ZOOM: f32 = 0.6;
pub const MAX_ZOOM: f32 = 2.5;

pub fn clamp_zoom(zoom: f32) -> f32 {
    if zoom.is_finite() {
        zoom.clamp(MIN_ZOOM, MAX_ZOOM)
    } else {
        1.0
    }
}

/// Applies the choice to the context; called when it changes and on start.
pub fn apply(ctx: &egui::Context, choice: ThemeChoice, zoom: f32) {
    ctx.set_theme(choice.preference());
    ctx.set_zoom_factor(clamp_zoom(zoom));
}
