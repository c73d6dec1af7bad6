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

pub const MIN_ZOOM: f32 = 0.5;
pub const MAX_ZOOM: f32 = 2.5;

pub fn clamp_zoom(zoom: f32) -> f32 {
    if zoom.is_finite() {
        // Steps of a tenth stay exact, so ten presses in and ten out return to 100 %.
        ((zoom * 10.0).round() / 10.0).clamp(MIN_ZOOM, MAX_ZOOM)
    } else {
        1.0
    }
}

/// Applies the choice to the context; called when it changes and on start.
pub fn apply(ctx: &egui::Context, choice: ThemeChoice, zoom: f32) {
    ctx.set_theme(choice.preference());
    ctx.set_zoom_factor(clamp_zoom(zoom));
}

/// The accent: a calm blue, used for selection and links only.
pub const ACCENT_LIGHT: egui::Color32 = egui::Color32::from_rgb(37, 99, 235);
pub const ACCENT_DARK: egui::Color32 = egui::Color32::from_rgb(96, 165, 250);

/// Sizes and spacing for a screen read at arm's length during an interview, and a restrained
/// accent in both themes.
pub fn style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(22.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        style.spacing.interact_size.y = 24.0;
        style.spacing.icon_width = 18.0;
        style.spacing.icon_width_inner = 10.0;
        let dark = style.visuals.dark_mode;
        let accent = if dark { ACCENT_DARK } else { ACCENT_LIGHT };
        style.visuals.selection.bg_fill = accent.gamma_multiply(if dark { 0.45 } else { 0.22 });
        style.visuals.selection.stroke = egui::Stroke::new(
            1.0,
            if dark {
                egui::Color32::WHITE
            } else {
                egui::Color32::from_rgb(15, 23, 42)
            },
        );
        style.visuals.hyperlink_color = accent;
        style.visuals.widgets.hovered.bg_stroke =
            egui::Stroke::new(1.0, accent.gamma_multiply(0.8));
        // Focus must be visible for keyboard users: a clear accent outline.
        style.visuals.widgets.active.bg_stroke = egui::Stroke::new(1.5, accent);
        style.visuals.text_edit_bg_color = Some(if dark {
            egui::Color32::from_gray(24)
        } else {
            egui::Color32::WHITE
        });
        if !dark {
            style.visuals.panel_fill = egui::Color32::from_rgb(248, 250, 252);
            style.visuals.window_fill = egui::Color32::WHITE;
            style.visuals.faint_bg_color = egui::Color32::from_rgb(241, 245, 249);
        }
    });
}
