//! Keeps every keystroke for the field that has focus when it is typed.
//!
//! egui moves keyboard focus while it lays out a frame (Tab) or at the end of it (a view that
//! asks for focus, a dialog that opens, a screen that changes after a command). On a slow frame
//! (software rendering, a remote desktop) one frame carries several keys: "Bob⇥Dev" arrives at
//! once, and every field that has focus during that frame reads all of its text. So this
//! plugin, which sees the raw input before egui does, lets the keys of a frame through only up
//! to the first key that may move focus (Tab, Return, Escape, a shortcut), and holds the rest
//! back until focus has stopped moving: then they go, in order, to the field that now has it.
//!
//! Installed once on the context ([`install`]), so it serves every view and dialog alike.

use std::collections::VecDeque;

use egui::{Event, Key};

/// How many frames in a row keys may be held while focus keeps moving. Past this they are let
/// through anyway: typing must never stall, even if some widget grabs focus on every frame.
const MAX_HELD_FRAMES: u8 = 6;

/// Installs the plugin on `ctx`. Call once, before the first frame.
pub fn install(ctx: &egui::Context) {
    ctx.add_plugin(InputHold::default());
}

/// Tells the plugin that focus will move in the next frame although no key moved it yet: a
/// command switched the screen or opened a dialog whose field takes focus when first drawn.
/// Keys typed meanwhile wait for that field.
pub fn focus_will_move(ctx: &egui::Context) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::unique(FOCUS_WILL_MOVE), true));
}

const FOCUS_WILL_MOVE: &str = "input_hold_focus_will_move";

#[derive(Default)]
pub struct InputHold {
    /// Keyboard events not yet handed to egui, oldest first.
    held: VecDeque<Event>,
    /// Focus moved during the last frame (or is about to): hold keys for one more frame.
    unsettled: bool,
    /// The focused widget at the end of the last frame.
    focus_at_last_end: Option<egui::Id>,
    held_frames: u8,
}

impl InputHold {
    /// Splits `events` into what egui gets this frame and what waits. Pure, for testing.
    fn filter(&mut self, events: &mut Vec<Event>) {
        let mut pass = Vec::with_capacity(events.len());
        for event in events.drain(..) {
            if is_keyboard(&event) {
                self.held.push_back(event);
            } else {
                pass.push(event);
            }
        }
        if self.unsettled && self.held_frames < MAX_HELD_FRAMES && !self.held.is_empty() {
            self.held_frames += 1;
        } else {
            self.held_frames = 0;
            // A key that may move focus gets a frame of its own: the keys before it go to the
            // field that has focus now (egui handles shortcuts and Tab before widgets read
            // text, so in one frame they would act first), the keys after it wait.
            let mut released_keys = false;
            while let Some(event) = self.held.front() {
                if may_move_focus(event) {
                    if released_keys {
                        break;
                    }
                    let Some(event) = self.held.pop_front() else {
                        break;
                    };
                    let echo = text_of_shortcut(&event);
                    pass.push(event);
                    // Some platforms also send Alt+1 as the text "1"; it belongs to the
                    // shortcut (which drops it), not to whatever field has focus next.
                    if let (Some(echo), Some(Event::Text(next))) = (echo, self.held.front()) {
                        if next.eq_ignore_ascii_case(echo) {
                            pass.extend(self.held.pop_front());
                        }
                    }
                    // What follows waits until the end of this frame shows where focus went.
                    self.unsettled = true;
                    break;
                }
                released_keys |= is_pressed_key_or_text(event);
                pass.extend(self.held.pop_front());
            }
        }
        *events = pass;
    }
}

impl egui::Plugin for InputHold {
    fn debug_name(&self) -> &'static str {
        "input_hold"
    }

    fn input_hook(&mut self, _ctx: &egui::Context, input: &mut egui::RawInput) {
        self.filter(&mut input.events);
        // RUST_LOG=interview_scorecard::ui::shell::input_hold=trace shows how keys are spread.
        if log::log_enabled!(log::Level::Trace)
            && !(input.events.is_empty() && self.held.is_empty())
        {
            log::trace!(
                "released {:?}; {} held; unsettled {}",
                input
                    .events
                    .iter()
                    .filter(|e| is_keyboard(e))
                    .collect::<Vec<_>>(),
                self.held.len(),
                self.unsettled
            );
        }
    }

    fn on_end_pass(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx();
        let focus = ctx.memory(|m| m.focused());
        let announced = ctx.data_mut(|d| {
            d.remove_temp::<bool>(egui::Id::unique(FOCUS_WILL_MOVE))
                .unwrap_or(false)
        });
        let moved = focus != self.focus_at_last_end;
        self.focus_at_last_end = focus;
        // Focus that moved to a field this frame is where the next keys belong: they go next
        // frame. Focus that was lost (a dialog closed, a screen left) or a screen that is about
        // to change will be given to a field next frame, so the keys wait one more.
        self.unsettled = announced || (moved && focus.is_none());
        if !self.held.is_empty() {
            ctx.request_repaint();
        }
    }
}

fn is_keyboard(event: &Event) -> bool {
    matches!(
        event,
        Event::Key { .. }
            | Event::Text(_)
            | Event::Paste(_)
            | Event::Copy
            | Event::Cut
            | Event::Ime(_)
    )
}

/// A key press or typed text (not a key release, which changes nothing by itself).
fn is_pressed_key_or_text(event: &Event) -> bool {
    !matches!(event, Event::Key { pressed: false, .. })
}

/// Keys that act at once rather than type: Tab, Return, Escape, the arrows and page keys, function
/// keys and anything with Ctrl or Alt. egui and the views handle these before any text field
/// reads the frame's text, so each gets a frame of its own, after the keys typed before it; and
/// since many of them move focus (Tab, Return that opens a screen, Ctrl+F, an arrow into a
/// list), the keys after them wait until focus has settled.
fn may_move_focus(event: &Event) -> bool {
    let Event::Key {
        key,
        pressed: true,
        modifiers,
        ..
    } = event
    else {
        return false;
    };
    modifiers.ctrl
        || modifiers.command
        || modifiers.alt
        || matches!(
            key,
            Key::Tab
                | Key::Enter
                | Key::Escape
                | Key::ArrowUp
                | Key::ArrowDown
                | Key::ArrowLeft
                | Key::ArrowRight
                | Key::PageUp
                | Key::PageDown
                | Key::Home
                | Key::End
                | Key::F1
                | Key::F2
                | Key::F3
                | Key::F4
                | Key::F5
                | Key::F6
                | Key::F7
                | Key::F8
                | Key::F9
                | Key::F10
                | Key::F11
                | Key::F12
        )
}

/// The text a shortcut key may also produce (Alt+1 → "1"), if it has modifiers.
fn text_of_shortcut(event: &Event) -> Option<&'static str> {
    match event {
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } if modifiers.alt || modifiers.ctrl || modifiers.command => Some(key.name()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: Key, modifiers: egui::Modifiers) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    fn text(s: &str) -> Event {
        Event::Text(s.into())
    }

    #[test]
    fn keys_after_a_focus_move_wait_for_a_quiet_frame_and_keep_their_order() {
        let mut hold = InputHold::default();
        let mut frame = vec![
            text("Bob"),
            key(Key::Tab, egui::Modifiers::NONE),
            text("Dev"),
        ];
        hold.filter(&mut frame);
        assert_eq!(frame, vec![text("Bob")], "Bob goes first, on its own");
        hold.unsettled = false;
        let mut tab = Vec::new();
        hold.filter(&mut tab);
        assert_eq!(
            tab,
            vec![key(Key::Tab, egui::Modifiers::NONE)],
            "then Tab alone"
        );
        // End of that frame: focus moved to the next field.
        hold.unsettled = true;
        let mut next = vec![text("!")];
        hold.filter(&mut next);
        assert!(next.is_empty(), "still moving: everything waits");
        hold.unsettled = false;
        let mut quiet = Vec::new();
        hold.filter(&mut quiet);
        assert_eq!(quiet, vec![text("Dev"), text("!")]);
    }

    #[test]
    fn pointer_events_are_never_held() {
        let mut hold = InputHold {
            unsettled: true,
            ..Default::default()
        };
        let mut frame = vec![text("a"), Event::PointerGone];
        hold.filter(&mut frame);
        assert_eq!(frame, vec![Event::PointerGone]);
    }

    #[test]
    fn keys_are_let_through_when_focus_never_settles() {
        let mut hold = InputHold::default();
        let mut released = Vec::new();
        for _ in 0..=MAX_HELD_FRAMES {
            hold.unsettled = true;
            let mut frame = vec![text("x")];
            hold.filter(&mut frame);
            released.extend(frame);
        }
        assert!(!released.is_empty(), "typing never stalls for good");
    }
}
