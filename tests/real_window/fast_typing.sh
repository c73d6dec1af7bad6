#!/usr/bin/env bash
# A whole interview typed from the keyboard at 1 ms per key in a real window (Xvfb, software
# rendering), then the saved session is checked field by field. Slow frames are the point: at
# 1 ms per key every frame carries several keys, across Tab, Return and shortcuts.
#
#   tests/real_window/fast_typing.sh [path/to/scorecard]   (default: target/release/scorecard)
#
# Needs Xvfb and xdotool (installed with apt-get when missing and run as root), python3.
# Also kills the app with SIGKILL while a plan is being built and checks the plan comes back.
set -euo pipefail
cd "$(dirname "$0")/../.."
app_bin=${1:-target/release/scorecard}
[[ -x $app_bin ]] || { echo "build it first: cargo build --release" >&2; exit 2; }

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
if [[ ${#need[@]} -gt 0 ]]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}") >/dev/null 2>&1 ||
    { echo "could not install ${need[*]}" >&2; exit 2; }
fi

disp=93
while [[ -e /tmp/.X11-unix/X$disp || -e /tmp/.X$disp-lock ]]; do disp=$((disp + 1)); done
Xvfb ":$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
data=$(mktemp -d)
rt=$(mktemp -d); chmod 700 "$rt"
app=""
cleanup() {
  [[ -n $app ]] && kill -9 "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$rt"
}
trap cleanup EXIT
export DISPLAY=":$disp" XDG_RUNTIME_DIR=$rt
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done

launch() {
  "$app_bin" --data-dir "$data" >"$rt/app.log" 2>&1 &
  app=$!
  local win=""
  for _ in $(seq 100); do
    win=$(xdotool search --onlyvisible --pid "$app" 2>/dev/null | head -n 1 || true)
    [[ -n $win ]] && break
    sleep 0.1
  done
  [[ -n $win ]] || { echo "no window"; cat "$rt/app.log"; exit 1; }
  # The first frames (fonts, the bank) take a moment under software rendering.
  sleep 3
  xdotool windowfocus --sync "$win" 2>/dev/null || true
}
key() { xdotool key --clearmodifiers "$@"; }
fast() { xdotool type --delay 1 "$1"; }

# 1. Build a plan from the keyboard, then kill the app hard 1.5 s later.
launch
key ctrl+f; fast "closure"; key Down Return
key ctrl+f; fast "generator"; key Down Return
sleep 1.5
kill -9 "$app"; wait "$app" 2>/dev/null || true; app=""
python3 - "$data" <<'PY'
import pathlib, sys
draft = pathlib.Path(sys.argv[1]) / "plan-in-progress.ron"
text = draft.read_text()
count = text.count("QuestionSnapshot(")
assert count == 2, f"expected 2 questions in the plan draft, found {count}"
print("plan draft kept across kill -9:", count, "questions")
PY

# 2. Start again: the plan is back. Run the interview at 1 ms per key.
launch
key ctrl+Return
fast "Bob Stone"; key Tab; fast "Backend dev"; key Tab; key ctrl+a; fast "Carol Jones"; key Return
fast "first note typed at full speed"
key ctrl+1
key ctrl+j; fast "How do you page a big table?"; key Tab; fast "Uses keyset pagination"; key Return; fast "Says why OFFSET is slow"; key ctrl+Return
fast "ad-hoc answer noted"
key alt+Right; fast "third question note"
# At 1 ms per key the keys arrive far faster than software rendering draws frames (about ten a
# second here), and each key that moves focus takes a frame or two: give the window time to
# work through them before the hard kill.
sleep 5
kill -9 "$app"; wait "$app" 2>/dev/null || true; app=""

python3 - "$data" <<'PY'
import pathlib, re, sys
sessions = list((pathlib.Path(sys.argv[1]) / "sessions").glob("*.ron"))
assert len(sessions) == 1, sessions
text = sessions[0].read_text()
def field(name):
    m = re.search(rf'\n  {name}: "((?:[^"\\]|\\.)*)"', text)
    return m.group(1) if m else None
problems = []
for name, want in [("candidate", "Bob Stone"), ("role", "Backend dev"), ("interviewer", "Carol Jones")]:
    if field(name) != want:
        problems.append(f"{name}: {field(name)!r} != {want!r}")
notes = re.findall(r'notes: "((?:[^"\\]|\\.)*)"', text)
for want in ["first note typed at full speed", "ad-hoc answer noted", "third question note"]:
    if want not in notes:
        problems.append(f"notes {notes!r} lack {want!r}")
if 'prompt: "How do you page a big table?"' not in text:
    problems.append("ad-hoc prompt missing")
if '"Uses keyset pagination",' not in text or '"Says why OFFSET is slow"' not in text:
    problems.append("ad-hoc rubric missing")
if problems:
    print("\n".join(problems)); sys.exit(1)
print("every keystroke landed where it was typed")
PY
