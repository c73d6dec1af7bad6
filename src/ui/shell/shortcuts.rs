//! The one table of keyboard shortcuts. Views detect keys through it and the F1 sheet is drawn
//! from it, so the sheet can never drift from what the keys do.

use egui::{Key, Modifiers};

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    FocusSearch,
    BrowseResults,
    AddToPlan,
    MovePlanQuestion,
    RemovePlanQuestion,
    StartInterview,
    SaveQuestion,
    TogglePoint,
    ToggleRedFlag,
    Rate,
    NextQuestion,
    PreviousQuestion,
    SkipQuestion,
    FlagQuestion,
    PauseClock,
    AddAdHoc,
    Finish,
    CheatSheet,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    SwitchView,
}

/// Where a binding works: the app's keys everywhere, a screen's keys only while it is drawn.
/// A view takes the keys of its own scope, so the same keys can mean different things on
/// different screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    Bank,
    QuestionEditor,
    Interview,
}

impl Scope {
    /// In the order the cheat sheet lists them.
    pub const ALL: [Scope; 4] = [
        Scope::Everywhere,
        Scope::Bank,
        Scope::QuestionEditor,
        Scope::Interview,
    ];

    /// The heading on the cheat sheet.
    pub fn label(self) -> &'static str {
        match self {
            Scope::Everywhere => "Everywhere",
            Scope::Bank => "Bank",
            Scope::QuestionEditor => "Question editor",
            Scope::Interview => "Interview",
        }
    }
}

/// Which keys trigger a binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keys {
    One(Key),
    /// Digit keys 1..=n; the digit is passed to the action.
    Digits(usize),
    /// Two alternatives shown together (e.g. ↑ / ↓).
    Pair(Key, Key),
    /// Any of these keys does the same; the first is shown.
    AnyOf(&'static [Key]),
}

#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub action: Action,
    pub scope: Scope,
    pub modifiers: Modifiers,
    pub keys: Keys,
    pub description: &'static str,
}

const CTRL_ALT: Modifiers = Modifiers {
    alt: true,
    ctrl: true,
    shift: false,
    mac_cmd: false,
    command: true,
};
const CTRL_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: true,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// Every shortcut in the app. Interview shortcuts all use Ctrl or Alt with a non-character key
/// so they work while the notes field has focus without typing into it.
pub const BINDINGS: &[Binding] = &[
    Binding {
        action: Action::SwitchView,
        scope: Scope::Everywhere,
        modifiers: Modifiers::ALT,
        keys: Keys::Digits(6),
        description: "Go to Bank, Interview, Scorecard, Panel, Health or Loop",
    },
    Binding {
        action: Action::CheatSheet,
        scope: Scope::Everywhere,
        modifiers: Modifiers::NONE,
        keys: Keys::One(Key::F1),
        description: "Show or hide this sheet",
    },
    Binding {
        action: Action::ZoomIn,
        scope: Scope::Everywhere,
        modifiers: Modifiers::COMMAND,
        // `=` is the unshifted `+` key on many layouts; browsers accept both.
        keys: Keys::AnyOf(&[Key::Plus, Key::Equals]),
        description: "Zoom in",
    },
    Binding {
        action: Action::ZoomOut,
        scope: Scope::Everywhere,
        modifiers: Modifiers::COMMAND,
        keys: Keys::One(Key::Minus),
        description: "Zoom out",
    },
    Binding {
        action: Action::ZoomReset,
        scope: Scope::Everywhere,
        modifiers: Modifiers::COMMAND,
        keys: Keys::One(Key::Num0),
        description: "Reset zoom",
    },
    Binding {
        action: Action::FocusSearch,
        scope: Scope::Bank,
        modifiers: Modifiers::COMMAND,
        keys: Keys::One(Key::F),
        description: "Focus the search box",
    },
    Binding {
        action: Action::BrowseResults,
        scope: Scope::Bank,
        modifiers: Modifiers::NONE,
        keys: Keys::Pair(Key::ArrowUp, Key::ArrowDown),
        description: "Move through the results",
    },
    Binding {
        action: Action::AddToPlan,
        scope: Scope::Bank,
        modifiers: Modifiers::NONE,
        keys: Keys::One(Key::Enter),
        description: "Add the selected question to the plan",
    },
    Binding {
        action: Action::MovePlanQuestion,
        scope: Scope::Bank,
        modifiers: Modifiers::ALT,
        keys: Keys::Pair(Key::ArrowUp, Key::ArrowDown),
        description: "Move the selected plan question up or down",
    },
    Binding {
        action: Action::RemovePlanQuestion,
        scope: Scope::Bank,
        modifiers: Modifiers::ALT,
        keys: Keys::One(Key::Delete),
        description: "Remove the selected plan question",
    },
    Binding {
        action: Action::StartInterview,
        scope: Scope::Bank,
        modifiers: Modifiers::COMMAND,
        keys: Keys::One(Key::Enter),
        description: "Start the interview with this plan",
    },
    Binding {
        action: Action::SaveQuestion,
        scope: Scope::QuestionEditor,
        modifiers: Modifiers::COMMAND,
        keys: Keys::One(Key::S),
        description: "Save the question",
    },
    Binding {
        action: Action::TogglePoint,
        scope: Scope::Interview,
        modifiers: Modifiers::COMMAND,
        keys: Keys::Digits(8),
        description: "Tick or untick rubric point N",
    },
    Binding {
        action: Action::ToggleRedFlag,
        scope: Scope::Interview,
        modifiers: CTRL_SHIFT,
        keys: Keys::Digits(8),
        description: "Mark or unmark red flag N as observed",
    },
    Binding {
        action: Action::Rate,
        scope: Scope::Interview,
        modifiers: CTRL_ALT,
        keys: Keys::Digits(4),
        description: "Rate the answer 1–4",
    },
    Binding {
        action: Action::NextQuestion,
        scope: Scope::Interview,
        modifiers: Modifiers::ALT,
        keys: Keys::One(Key::ArrowRight),
        description: "Next question",
    },
    Binding {
        action: Action::PreviousQuestion,
        scope: Scope::Interview,
        modifiers: Modifiers::ALT,
        keys: Keys::One(Key::ArrowLeft),
        description: "Previous question",
    },
    Binding {
        action: Action::SkipQuestion,
        scope: Scope::Interview,
        modifiers: Modifiers::COMMAND,
        keys: Keys::One(Key::K),
        description: "Skip this question",
    },
    Binding {
        action: Action::FlagQuestion,
        scope: Scope::Interview,
        modifiers: Modifiers::COMMAND,
        keys: Keys::One(Key::G),
        description: "Flag this question to revisit",
    },
    Binding {
        action: Action::PauseClock,
        scope: Scope::Interview,
        modifiers: Modifiers::COMMAND,
        keys: Keys::One(Key::P),
        description: "Pause or resume the clock",
    },
    Binding {
        action: Action::AddAdHoc,
        scope: Scope::Interview,
        modifiers: Modifiers::COMMAND,
        keys: Keys::One(Key::J),
        description: "Add an ad-hoc question after this one",
    },
    Binding {
        action: Action::Finish,
        scope: Scope::Interview,
        modifiers: CTRL_SHIFT,
        keys: Keys::One(Key::Enter),
        description: "Finish the interview and open the scorecard",
    },
];

const DIGITS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// A triggered shortcut: the action and, for digit bindings, the 1-based digit; for pairs, 0 or 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Triggered {
    pub action: Action,
    pub arg: usize,
}

/// Consumes this frame's key presses that match a binding in `scope` and returns them.
/// Matching uses the physical key too, so Ctrl+Shift+1 works on layouts where Shift+1 is "!".
pub fn take(ui: &egui::Ui, scope: Scope) -> Vec<Triggered> {
    take_only(ui, scope, &|_| true)
}

/// Like [`take`], but only for the actions `wanted` accepts; other keys are left for widgets.
pub fn take_only(ui: &egui::Ui, scope: Scope, wanted: &dyn Fn(Action) -> bool) -> Vec<Triggered> {
    let mut found = Vec::new();
    // Alt+digit also arrives as a text event on Linux; drop it so it is not typed anywhere.
    let mut swallow_text: Vec<String> = Vec::new();
    ui.input_mut(|input| {
        input.events.retain(|event| {
            let egui::Event::Key {
                key,
                physical_key,
                pressed: true,
                modifiers,
                ..
            } = event
            else {
                return true;
            };
            for binding in BINDINGS
                .iter()
                .filter(|b| b.scope == scope && wanted(b.action))
            {
                if !modifiers_match(*modifiers, binding.modifiers, ignores_shift(binding.action)) {
                    continue;
                }
                let candidates = [Some(*key), *physical_key];
                let hit = match binding.keys {
                    Keys::One(k) => candidates.contains(&Some(k)).then_some(0),
                    Keys::Pair(a, b) => {
                        if candidates.contains(&Some(a)) {
                            Some(0)
                        } else if candidates.contains(&Some(b)) {
                            Some(1)
                        } else {
                            None
                        }
                    }
                    Keys::AnyOf(keys) => keys
                        .iter()
                        .any(|k| candidates.contains(&Some(*k)))
                        .then_some(0),
                    Keys::Digits(n) => DIGITS[..n]
                        .iter()
                        .position(|d| candidates.contains(&Some(*d)))
                        .map(|p| p + 1),
                };
                if let Some(arg) = hit {
                    found.push(Triggered {
                        action: binding.action,
                        arg,
                    });
                    if modifiers.alt && !modifiers.ctrl && matches!(binding.keys, Keys::Digits(_)) {
                        swallow_text.push(arg.to_string());
                    }
                    return false;
                }
            }
            true
        });
        if !swallow_text.is_empty() {
            input
                .events
                .retain(|event| !matches!(event, egui::Event::Text(t) if swallow_text.contains(t)));
        }
    });
    found
}

/// Zoom keys work with or without Shift: on many layouts `+` needs Shift, and people press
/// Ctrl+Shift+minus by accident as often as not.
fn ignores_shift(action: Action) -> bool {
    matches!(action, Action::ZoomIn | Action::ZoomOut | Action::ZoomReset)
}

fn modifiers_match(pressed: Modifiers, wanted: Modifiers, any_shift: bool) -> bool {
    pressed.alt == wanted.alt
        && (any_shift || pressed.shift == wanted.shift)
        && (pressed.ctrl || pressed.command) == (wanted.ctrl || wanted.command)
}

/// The keys of a binding as shown to people, e.g. "Ctrl+Shift+1…8".
pub fn keys_text(binding: &Binding) -> String {
    let mut parts = Vec::new();
    if binding.modifiers.ctrl || binding.modifiers.command {
        parts.push("Ctrl".to_string());
    }
    if binding.modifiers.alt {
        parts.push("Alt".to_string());
    }
    if binding.modifiers.shift {
        parts.push("Shift".to_string());
    }
    parts.push(match binding.keys {
        Keys::One(k) | Keys::AnyOf(&[k, ..]) => key_name(k),
        Keys::AnyOf(_) => String::new(),
        Keys::Pair(a, b) => format!("{} / {}", key_name(a), key_name(b)),
        Keys::Digits(n) => format!("1…{n}"),
    });
    parts.join("+")
}

fn key_name(key: Key) -> String {
    match key {
        Key::ArrowUp => "↑".into(),
        Key::ArrowDown => "↓".into(),
        Key::ArrowLeft => "←".into(),
        Key::ArrowRight => "→".into(),
        Key::Plus => "+".into(),
        Key::Minus => "−".into(),
        Key::Num0 => "0".into(),
        other => other.name().to_string(),
    }
}

/// The keys for an action, for hints next to buttons.
pub fn hint(action: Action) -> String {
    BINDINGS
        .iter()
        .find(|b| b.action == action)
        .map(keys_text)
        .unwrap_or_default()
}

/// The F1 window, centred; it scrolls when the window is too short for the whole sheet (a
/// small window, a large zoom).
pub fn cheat_sheet_window(ctx: &egui::Context, open: &mut bool) {
    let room = (ctx.content_rect().height() - 80.0).max(120.0);
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .default_width(480.0)
        .max_height(room)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(room - 40.0)
                .show(ui, cheat_sheet_ui);
        });
}

/// The F1 sheet, grouped by scope.
pub fn cheat_sheet_ui(ui: &mut egui::Ui) {
    for scope in Scope::ALL {
        ui.add_space(6.0);
        ui.label(egui::RichText::new(scope.label()).strong());
        egui::Grid::new(("sheet", scope.label()))
            .num_columns(2)
            .spacing([24.0, 4.0])
            .striped(true)
            .show(ui, |ui| {
                for binding in BINDINGS.iter().filter(|b| b.scope == scope) {
                    ui.label(egui::RichText::new(keys_text(binding)).monospace());
                    ui.label(binding.description);
                    ui.end_row();
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_bindings_in_a_scope_share_keys() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let same_scope = a.scope == b.scope
                    || a.scope == Scope::Everywhere
                    || b.scope == Scope::Everywhere;
                if same_scope && keys_text(a) == keys_text(b) {
                    panic!(
                        "{:?} and {:?} both use {}",
                        a.action,
                        b.action,
                        keys_text(a)
                    );
                }
            }
        }
    }

    #[test]
    fn the_sheet_lists_every_scope_in_use() {
        for binding in BINDINGS {
            assert!(Scope::ALL.contains(&binding.scope), "{:?}", binding.scope);
        }
    }

    #[test]
    fn interview_shortcuts_never_produce_text() {
        // Ctrl suppresses text input; Alt alone only with non-character keys.
        for binding in BINDINGS.iter().filter(|b| b.scope == Scope::Interview) {
            let ctrl = binding.modifiers.ctrl || binding.modifiers.command;
            let non_char = matches!(binding.keys, Keys::One(Key::ArrowLeft | Key::ArrowRight));
            assert!(
                ctrl || non_char,
                "{:?} could type into the notes",
                binding.action
            );
        }
    }
}
