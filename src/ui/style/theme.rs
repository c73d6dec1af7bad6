//! Light and dark themes, and the zoom range.

use egui::Color32;
use serde::{Deserialize, Serialize};

use crate::model::Level;

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

/// The app's colours, one per meaning, for one theme. Views look them up with [`tokens`] instead
/// of writing colours, so a meaning has one value in each theme and a change of hue is made here.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// A calm blue for selection, links and the focus outline only.
    pub accent: Color32,
    /// The outline and text of selected items, on the accent-tinted selection.
    pub selection_stroke: Color32,
    /// Done and positive: covered, submitted, a yes, a plan that fits, a success notice.
    pub good: Color32,
    /// Needs a look: finished but not submitted, a warning notice.
    pub warn: Color32,
    /// Negative: a no, an error notice.
    pub bad: Color32,
    /// The clock past its budget: a muted amber, noticeable to the interviewer, not alarming.
    pub over_time: Color32,
    /// Interviewers who disagree: a warm highlight for text and symbols…
    pub disagreement: Color32,
    /// …and the faint fill behind the cells that disagree.
    pub disagreement_fill: Color32,
    /// The grounds of success, warning and error notices, under `good`, `warn` and `bad` text.
    pub good_bg: Color32,
    pub warn_bg: Color32,
    pub bad_bg: Color32,
    /// The letters a search matched: tinted behind and underlined.
    pub search_mark: Color32,
    /// Text fields across the app.
    pub text_edit_bg: Color32,
    /// Text fields in forms: tinted, so they read as fields on the white window in the light
    /// theme, where `text_edit_bg` equals the window's colour.
    pub form_field_bg: Color32,
    /// The veil over the window while files are dragged over it, and the text on it.
    pub scrim: Color32,
    pub on_scrim: Color32,
    /// Chart series (e.g. one per category). Okabe–Ito hues stay apart for common colour-vision
    /// deficiencies; legends name each, so colour is never the only cue.
    pub series: [Color32; 7],
    /// Badge hue for each level, distinguishable in both themes.
    pub level_entry: Color32,
    pub level_intermediate: Color32,
    pub level_advanced: Color32,
    pub level_expert: Color32,
}

impl Palette {
    pub fn level(&self, level: Level) -> Color32 {
        match level {
            Level::Entry => self.level_entry,
            Level::Intermediate => self.level_intermediate,
            Level::Advanced => self.level_advanced,
            Level::Expert => self.level_expert,
        }
    }

    /// The series colour for the `index`th series, repeating after the last.
    pub fn series(&self, index: usize) -> Color32 {
        self.series[index % self.series.len()]
    }
}

/// The chart hues read on both grounds, so both themes share them.
const SERIES: [Color32; 7] = [
    Color32::from_rgb(0, 114, 178),
    Color32::from_rgb(230, 159, 0),
    Color32::from_rgb(0, 158, 115),
    Color32::from_rgb(204, 121, 167),
    Color32::from_rgb(86, 180, 233),
    Color32::from_rgb(213, 94, 0),
    Color32::from_rgb(240, 228, 66),
];

pub const LIGHT: Palette = Palette {
    accent: Color32::from_rgb(37, 99, 235),
    selection_stroke: Color32::from_rgb(15, 23, 42),
    good: Color32::from_rgb(30, 120, 60),
    warn: Color32::from_rgb(150, 100, 0),
    bad: Color32::from_rgb(180, 40, 30),
    // A shade darker than it was, to read at 4.5:1 on the light panel.
    over_time: Color32::from_rgb(160, 98, 0),
    disagreement: Color32::from_rgb(176, 84, 0),
    disagreement_fill: Color32::from_rgba_unmultiplied_const(250, 170, 80, 60),
    good_bg: Color32::from_rgb(232, 246, 236),
    warn_bg: Color32::from_rgb(254, 246, 225),
    bad_bg: Color32::from_rgb(253, 236, 234),
    // egui's own light warning colour, which the search marks have always used.
    search_mark: Color32::from_rgb(255, 100, 0),
    text_edit_bg: Color32::WHITE,
    form_field_bg: Color32::from_rgb(241, 245, 249),
    scrim: Color32::from_black_alpha(160),
    on_scrim: Color32::WHITE,
    series: SERIES,
    level_entry: Color32::from_rgb(46, 125, 50),
    level_intermediate: Color32::from_rgb(21, 101, 192),
    level_advanced: Color32::from_rgb(123, 31, 162),
    level_expert: Color32::from_rgb(191, 54, 12),
};

pub const DARK: Palette = Palette {
    accent: Color32::from_rgb(96, 165, 250),
    selection_stroke: Color32::WHITE,
    good: Color32::from_rgb(120, 210, 150),
    warn: Color32::from_rgb(240, 200, 110),
    bad: Color32::from_rgb(255, 130, 115),
    over_time: Color32::from_rgb(230, 180, 90),
    disagreement: Color32::from_rgb(240, 170, 90),
    disagreement_fill: Color32::from_rgba_unmultiplied_const(240, 150, 60, 40),
    good_bg: Color32::from_rgb(28, 56, 38),
    warn_bg: Color32::from_rgb(60, 50, 25),
    bad_bg: Color32::from_rgb(70, 30, 28),
    // egui's own dark warning colour, which the search marks have always used.
    search_mark: Color32::from_rgb(255, 143, 0),
    text_edit_bg: Color32::from_gray(24),
    form_field_bg: Color32::from_gray(16),
    scrim: Color32::from_black_alpha(160),
    on_scrim: Color32::WHITE,
    series: SERIES,
    level_entry: Color32::from_rgb(129, 199, 132),
    level_intermediate: Color32::from_rgb(100, 181, 246),
    level_advanced: Color32::from_rgb(206, 147, 216),
    level_expert: Color32::from_rgb(255, 171, 145),
};

/// The palette for a light or a dark ground.
pub fn palette(dark: bool) -> &'static Palette {
    if dark { &DARK } else { &LIGHT }
}

/// The palette for the theme `ui` is drawn in: `theme::tokens(ui).good`.
pub fn tokens(ui: &egui::Ui) -> &'static Palette {
    palette(ui.visuals().dark_mode)
}

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
        let tokens = palette(dark);
        let accent = tokens.accent;
        style.visuals.selection.bg_fill = accent.gamma_multiply(if dark { 0.45 } else { 0.22 });
        style.visuals.selection.stroke = egui::Stroke::new(1.0, tokens.selection_stroke);
        style.visuals.hyperlink_color = accent;
        style.visuals.widgets.hovered.bg_stroke =
            egui::Stroke::new(1.0, accent.gamma_multiply(0.8));
        // Focus must be visible for keyboard users: a clear accent outline.
        style.visuals.widgets.active.bg_stroke = egui::Stroke::new(1.5, accent);
        style.visuals.text_edit_bg_color = Some(tokens.text_edit_bg);
        if !dark {
            style.visuals.panel_fill = egui::Color32::from_rgb(248, 250, 252);
            style.visuals.window_fill = egui::Color32::WHITE;
            style.visuals.faint_bg_color = egui::Color32::from_rgb(241, 245, 249);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ways of writing a colour in place. A colour written in a view escapes the theme: it
    /// cannot follow light and dark, and the same meaning drifts into several values.
    const COLOUR_LITERALS: &[&str] = &[
        "Color32::",
        "Rgba::",
        "Hsva",
        "ecolor::",
        "from_rgb",
        "from_gray",
        "from_black_alpha",
        "from_white_alpha",
        "from_hex",
    ];

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read src/ui") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn no_colour_literal_outside_the_theme() {
        let ui_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
        let theme = ui_dir.join("style/theme.rs");
        let mut files = Vec::new();
        rust_files(&ui_dir, &mut files);
        assert!(files.len() > 10, "found only {files:?}");
        let mut found = Vec::new();
        for path in files.iter().filter(|p| **p != theme) {
            let text = std::fs::read_to_string(path).expect("read source");
            for (number, line) in text.lines().enumerate() {
                // Comments may name a colour; code may not.
                let code = line.split("//").next().unwrap_or_default();
                if COLOUR_LITERALS.iter().any(|literal| code.contains(literal)) {
                    let shown = path.strip_prefix(&ui_dir).unwrap_or(path).display();
                    found.push(format!("src/ui/{shown}:{}: {}", number + 1, line.trim()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "colours belong in style/theme.rs as tokens (theme::tokens(ui).…):\n{}",
            found.join("\n")
        );
    }

    /// WCAG relative luminance, from egui's linear RGB.
    fn luminance(colour: Color32) -> f32 {
        let linear = egui::Rgba::from(colour);
        0.2126 * linear.r() + 0.7152 * linear.g() + 0.0722 * linear.b()
    }

    fn contrast(a: Color32, b: Color32) -> f32 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    #[test]
    fn coloured_text_reads_on_its_ground_in_both_themes() {
        let ctx = egui::Context::default();
        style(&ctx);
        for theme in [egui::Theme::Light, egui::Theme::Dark] {
            let panel = ctx.style_of(theme).visuals.panel_fill;
            let tokens = palette(theme == egui::Theme::Dark);
            let pairs = [
                ("good", tokens.good, panel),
                ("warn", tokens.warn, panel),
                ("bad", tokens.bad, panel),
                ("over_time", tokens.over_time, panel),
                ("disagreement", tokens.disagreement, panel),
                ("good notice", tokens.good, tokens.good_bg),
                ("warn notice", tokens.warn, tokens.warn_bg),
                ("bad notice", tokens.bad, tokens.bad_bg),
            ];
            for (name, text, ground) in pairs {
                // WCAG AA for body text: these colours carry words, not only decoration.
                let ratio = contrast(text, ground);
                assert!(ratio >= 4.5, "{theme:?} {name}: contrast {ratio:.2}");
            }
        }
    }
}
