//! The eframe app: owns the state, draws the shell and the current screen, applies the
//! commands screens push, and polls background work whichever screen is showing.

pub mod bank_reload;
pub mod command;
pub mod plan_autosave;
pub mod state;

use std::path::PathBuf;

pub use crate::ui::command::Command;
pub use crate::ui::shared::{Prefs, View};
pub use state::AppState;

use crate::store::AppDirs;
use crate::ui::shell::{self, input_hold, shortcuts};
use crate::ui::style::theme;
use crate::ui::{bank, health, hiring_loop, interview, panel, scorecard};

/// One press of a zoom key changes the zoom by this much (as browsers do).
const ZOOM_STEP: f32 = 0.1;

const PREFS_KEY: &str = "interview-scorecard-prefs";

/// Widest glyph atlas (and largest texture) the window asks egui for; see `raw_input_hook`.
const MAX_ATLAS_SIDE: usize = 2048;

impl AppState {
    /// Draws the whole window: top bar, notices, current screen; then applies the commands.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        self.poll_tasks(ui.ctx());
        let view_at_start = self.shared.prefs.view;
        let theme_at_start = self.shared.prefs.theme;
        self.handle_global_keys(ui);
        shell::top_bar::ui(ui, &self.shared, &mut self.commands);
        if self.notices.has_lasting() {
            egui::Panel::top("notices").show(ui, |ui| {
                ui.add_space(4.0);
                self.notices.ui(ui);
            });
        }
        let view = self.shared.prefs.view;
        if let Some(active) = &mut self.active {
            active.frame(ui.ctx(), view == View::Interview);
        }
        self.report_save_errors();
        self.screen_ui(ui, view);
        self.notices.confirmations_ui(ui.ctx());
        shell::resume::ui(
            ui,
            &self.resumable,
            self.active.is_some(),
            &mut self.commands,
        );
        // The one place the sheet is drawn: F1 opens it on every screen, the Interview
        // header's button too.
        if self.cheat_sheet {
            shortcuts::cheat_sheet_window(ui.ctx(), &mut self.cheat_sheet);
        }
        for command in self.commands.take() {
            self.apply(command);
        }
        self.publish_new_submission(ui.ctx());
        if self.shared.prefs.theme != theme_at_start {
            theme::apply(ui.ctx(), self.shared.prefs.theme, self.shared.prefs.zoom);
        }
        self.plan_autosave
            .frame(ui.ctx(), &self.plan.plan, &self.plan.path);
        if self.shared.prefs.view != view_at_start {
            // The new screen gives a field focus when it is first drawn; keys wait for it.
            input_hold::focus_will_move(ui.ctx());
        }
    }

    /// Draws one screen, with what it shares and the documents it edits.
    fn screen_ui(&mut self, ui: &mut egui::Ui, view: View) {
        let commands = &mut self.commands;
        match view {
            View::Bank => bank::ui(
                ui,
                &mut self.bank_view,
                &self.shared,
                &mut self.plan,
                commands,
            ),
            View::Interview => interview::ui(
                ui,
                &mut self.interview_view,
                &self.shared,
                self.active.as_mut(),
                commands,
            ),
            View::Scorecard => scorecard::ui(
                ui,
                &mut self.scorecard_view,
                &self.shared,
                self.active.as_mut(),
                &self.plan,
                commands,
            ),
            View::Panel => panel::ui(
                ui,
                &mut self.panel_view,
                &self.shared,
                self.active.as_ref(),
                commands,
            ),
            View::Health => health::ui(ui, &mut self.health_view, &self.shared, commands),
            View::Loop => {
                hiring_loop::ui(ui, &mut self.loop_view, &self.shared, &self.plan, commands)
            }
        }
    }

    /// Draws only this screen (no top bar, notices or dialogs of the shell), with background
    /// work polled and commands applied as the full window would: for tests and benchmarks
    /// that look at one screen.
    pub fn screen_only_ui(&mut self, ui: &mut egui::Ui, view: View) {
        self.poll_tasks(ui.ctx());
        self.screen_ui(ui, view);
        for command in self.commands.take() {
            self.apply(command);
        }
    }

    /// A scorecard of a hiring loop submitted in this window goes to the loop's folder when
    /// the Loop screen has it open, so the panel sees it arrive without another step.
    fn publish_new_submission(&mut self, ctx: &egui::Context) {
        let Some(active) = &mut self.active else {
            self.seal_seen = None;
            return;
        };
        let now_sealed = active.session.is_sealed();
        let was_unsealed = self
            .seal_seen
            .as_ref()
            .is_some_and(|(path, sealed)| *path == active.path && !sealed);
        self.seal_seen = Some((active.path.clone(), now_sealed));
        if !(now_sealed && was_unsealed) {
            return;
        }
        let Some(loop_ref) = active.session.loop_ref.clone() else {
            return;
        };
        // Written (and signed) now rather than within the second, so the copy follows soon.
        active.save_now();
        let path = active.path.clone();
        self.loop_view
            .publish_when_sealed(ctx, &loop_ref.loop_id, path);
    }

    /// Collects what background work finished, whichever screen is showing, so a result is
    /// never left waiting until its screen is drawn again.
    fn poll_tasks(&mut self, ctx: &egui::Context) {
        // Workers started by commands (applied outside a frame) wake the window through this.
        if self.waker.is_none() {
            self.waker = Some(ctx.clone());
        }
        if let Some(loaded) = self.bank_reload.poll(Some(ctx)) {
            self.apply_reloaded(loaded);
        }
        self.shared.bank_reloading = self.bank_reload.is_running();
        self.bank_view.poll(ctx, &mut self.commands);
        self.scorecard_view
            .poll(ctx, &self.shared, &mut self.commands);
        self.panel_view
            .poll_tasks(ctx, &self.shared, &mut self.commands);
        self.loop_view.poll(ctx, &mut self.commands);
        if self.health_view.poll() {
            self.shared.health = self.health_view.latest.clone();
        }
    }

    /// Keys that work on every screen: views, the cheat sheet, zoom.
    fn handle_global_keys(&mut self, ui: &mut egui::Ui) {
        let mut zoom = self.shared.prefs.zoom;
        for triggered in shortcuts::take(ui, shortcuts::Scope::Everywhere) {
            match triggered.action {
                shortcuts::Action::CheatSheet => self.cheat_sheet = !self.cheat_sheet,
                shortcuts::Action::SwitchView => {
                    if let Some(view) = View::ALL.get(triggered.arg.saturating_sub(1)) {
                        self.shared.prefs.view = *view;
                    }
                }
                shortcuts::Action::ZoomIn => zoom += ZOOM_STEP,
                shortcuts::Action::ZoomOut => zoom -= ZOOM_STEP,
                shortcuts::Action::ZoomReset => zoom = 1.0,
                _ => {}
            }
        }
        let zoom = theme::clamp_zoom(zoom);
        if (zoom - self.shared.prefs.zoom).abs() > f32::EPSILON {
            self.shared.prefs.zoom = zoom;
            ui.ctx().set_zoom_factor(zoom);
        }
    }
}

/// The eframe wrapper: persistence and window integration around [`AppState`].
pub struct ScorecardApp {
    pub state: AppState,
}

impl ScorecardApp {
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        data_dir: Option<PathBuf>,
        extra_bank: Vec<PathBuf>,
    ) -> Self {
        let prefs = cc
            .storage
            .and_then(|storage| eframe::get_value::<Prefs>(storage, PREFS_KEY))
            .unwrap_or_default()
            .for_new_start();
        theme::apply(&cc.egui_ctx, prefs.theme, prefs.zoom);
        crate::ui::setup_context(&cc.egui_ctx);
        let dirs = match AppDirs::discover(data_dir.as_deref()) {
            Ok(dirs) => dirs,
            Err(err) => {
                log::error!("{err}");
                AppDirs::at(&std::env::temp_dir().join("interview-scorecard"))
            }
        };
        ScorecardApp {
            state: AppState::load(dirs, &extra_bank, prefs),
        }
    }
}

impl eframe::App for ScorecardApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.state.ui(ui);
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        // egui's glyph atlas is as wide as the largest texture the GPU allows (16,384 pixels on
        // Mesa's software Vulkan) and grows in height, so every row of glyphs costs 64 KB per
        // pixel of height in the atlas and again in its GPU copy. A narrower atlas holds the
        // same glyphs in far less memory.
        raw_input.max_texture_side = Some(
            raw_input
                .max_texture_side
                .map_or(MAX_ATLAS_SIDE, |side| side.min(MAX_ATLAS_SIDE)),
        );
    }

    fn on_exit(&mut self) {
        if let Some(active) = &mut self.state.active {
            active.flush();
        }
        self.state.plan_autosave.flush();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.state.shared.prefs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_start_opens_the_bank_instead_of_an_empty_interview_view() {
        let last = Prefs {
            view: View::Interview,
            zoom: 1.25,
            interviewer: "Sam Lee".into(),
            ..Prefs::default()
        };
        let start = last.clone().for_new_start();
        assert_eq!(start.view, View::Bank);
        assert_eq!(
            Prefs {
                view: View::Interview,
                ..start
            },
            last,
            "everything else is kept"
        );
        for view in [View::Bank, View::Scorecard, View::Panel] {
            let prefs = Prefs {
                view,
                ..Prefs::default()
            };
            assert_eq!(prefs.for_new_start().view, view, "{view:?} reopens");
        }
    }
}
