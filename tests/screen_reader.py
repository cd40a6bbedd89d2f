#!/usr/bin/python3
"""Takes a quiz in the real quizdesk window as a screen reader user would, reading it over
AT-SPI (as Orca does) and pressing keys (with xdotool), and checks what the user would hear.

Run by tests/screen_reader.rs inside `dbus-run-session`, under a virtual display:
    screen_reader.py QUIZDESK_BINARY DATA_DIR

On every screen it walks (library, profiles, library, content note, quiz setup, a question of
each kind and its feedback, results) it checks: the window has a name; a named node has the
keyboard's focus after the screen changed; the screen has a heading. For choice questions, the
options are radio buttons (check boxes) in a group named by the question; the feedback (the
verdict, then the explanation) is announced, and its verdict takes the focus. Exits non-zero, saying what was missing where, at the first failure.
"""

import os
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

ANNOUNCED = []


def on_announcement(event):
    ANNOUNCED.append(str(event.any_data))


BINARY, DATA_DIR = sys.argv[1], sys.argv[2]
TIMEOUT_S = 15.0


def fail(message):
    print(f"FAILED: {message}", flush=True)
    # Whether the app itself went away, and how: a crash is not a missing heading.
    running = globals().get("app")
    if running is not None and running.poll() is not None:
        print(f"quizdesk had exited with {running.returncode}", flush=True)
    sys.exit(1)


def say(message):
    print(message, flush=True)


def walk(node, depth=0):
    """Every node under `node`, depth first (bounded: a broken tree must not loop)."""
    if depth > 40:
        return
    yield node
    try:
        children = list(node)
    except Exception:  # A node that went away while being read.
        return
    for child in children:
        if child is not None:
            yield from walk(child, depth + 1)


def role_of(node):
    """The node's role, or "" when it went away while being read (the tree changes under us
    while the app draws, and AT-SPI then says the node's application "no longer exists")."""
    try:
        return node.getRoleName()
    except Exception:
        return ""


def has_state(node, state):
    try:
        return node.getState().contains(state)
    except Exception:
        return False


def attributes(node):
    try:
        return dict(a.split(":", 1) for a in node.getAttributes() if ":" in a)
    except Exception:
        return {}


def the_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is None:
            continue
        for node in app:
            if node is not None and node.getRoleName() in ("frame", "window"):
                return node
    return None


def wait_for(what, check):
    """Polls `check` until it returns something true, or fails after TIMEOUT_S."""
    deadline = time.monotonic() + TIMEOUT_S
    last = None
    while time.monotonic() < deadline:
        # Events (announcements) arrive through GLib's main loop.
        while GLib.MainContext.default().iteration(False):
            pass
        try:
            last = check()
        except Exception as error:  # The tree changes under us while the app draws.
            last = None
            say(f"  (retrying: {error})")
        if last:
            return last
        time.sleep(0.1)
    window = the_app()
    fail(f"timed out waiting for {what} (the window: {window.name if window else None!r})")


def window_named(prefix):
    def check():
        window = the_app()
        if window is not None and window.name and window.name.startswith(prefix):
            return window
        return None

    return wait_for(f"the window to be named '{prefix}…'", check)


def focused_named(window, not_named=None):
    """The focused node, once one with a name (other than `not_named`) has the focus."""

    def check():
        for node in walk(window):
            if has_state(node, pyatspi.STATE_FOCUSED) and node.name and node.name != not_named:
                return node
        return None

    return wait_for("a named node with the keyboard's focus", check)


def headings(window):
    return [n for n in walk(window) if role_of(n) == "heading"]


def screen(prefix, expect_heading=True, not_focused=None):
    """Checks the screen that should now be showing, and returns its window and focused node."""
    window = window_named(prefix)
    focus = focused_named(window, not_focused)
    if expect_heading:
        # Read again until the tree holds still: a node may go away while it is read.
        wait_for(f"{window.name}: a heading", lambda: headings(window_named(prefix)))
    say(f"{window.name!r}: focus on {focus.getRoleName()} {focus.name!r}; "
        f"headings {[h.name for h in headings(window)][:3]}")
    return window, focus


def activate(window, name):
    """Presses a button by its name, as a screen reader user does with its action."""
    for node in walk(window):
        if node.name == name and role_of(node) in ("push button", "button"):
            action = node.queryAction()
            action.doAction(0)
            return
    fail(f"{window.name}: no button named {name!r}")


def key(*names):
    for name in names:
        subprocess.run(["xdotool", "key", "--window", WINDOW_ID, name], check=True)
        time.sleep(0.25)


def type_text(text):
    subprocess.run(["xdotool", "type", "--window", WINDOW_ID, "--delay", "60", text], check=True)
    time.sleep(0.3)


def option_group(window, question):
    """The group of options the question names: its role and the options' roles and names."""
    for node in walk(window):
        kinds = [role_of(c) for c in node if c is not None]
        options = [k for k in kinds if k in ("radio button", "check box")]
        if options and node.name == question:
            places = [(attributes(c).get("posinset"), attributes(c).get("setsize"))
                      for c in node if c is not None]
            return role_of(node), options, [c.name for c in node if c is not None], places
    return None


def announced(first_words):
    """What the screen reader was told to say, once it starts with one of `first_words` and
    goes on (with the explanation)."""
    def check():
        return next((a for a in ANNOUNCED if a.startswith(first_words) and ". " in a), None)

    return check


# The accessibility bus, with accessibility on (org.a11y.Status.IsEnabled), before the app.
launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately",
                             "--a11y=1"])
time.sleep(1.0)
# Only once the accessibility bus is up: pyatspi connects to it at the first call.
pyatspi.Registry.registerEventListener(on_announcement, "object:announcement")
env = dict(os.environ, QUIZDESK_DATA_DIR=DATA_DIR)
app = subprocess.Popen([BINARY, "--profile", "Sam"], env=env)
try:
    # With no window manager, the window has the keyboard only once it is given it.
    window_named("quizdesk - Library")
    WINDOW_ID = wait_for(
        "the X window",
        lambda: subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^quizdesk"],
                               capture_output=True, text=True).stdout.split(),
    )[0]
    def take_keyboard():
        # Given again until the app says its window is active: a focus given while the window
        # is still being set up can be missed.
        subprocess.run(["xdotool", "windowfocus", WINDOW_ID], capture_output=True)
        time.sleep(0.2)
        window = the_app()
        return window is not None and has_state(window, pyatspi.STATE_ACTIVE)

    wait_for("the window to take the keyboard", take_keyboard)
    window, _ = screen("quizdesk - Library")

    # The profile screen and back, by the list's number key.
    activate(window, "Switch profile")
    screen("quizdesk - Profiles")
    key("1")
    window, _ = screen("quizdesk - Library")

    # The sample deck: content note, setup, then every question.
    activate(window, "Quiz: Sample: every question kind")
    screen("quizdesk - Before you start")
    key("Return")
    window, _ = screen("quizdesk - Quiz setup")
    for name in ("How many questions", "Show whether an answer is right"):
        if not any(n.name == name and role_of(n) != "label" for n in walk(window)):
            fail(f"quiz setup: no group named {name!r}")
    count = [n for n in walk(window) if n.name == "Number of questions"]
    if not count or has_state(count[0], pyatspi.STATE_EDITABLE):
        fail("quiz setup: the disabled count field is missing or says it is editable")
    key("Return")

    seen_kinds = set()
    previous_focus = None
    for number in range(1, 17):
        window, focus = screen("quizdesk - Quiz:", not_focused=previous_focus)
        quiz = window
        question = next((h.name for h in headings(quiz) if role_of(h) == "heading"
                         and h.name and not h.name.startswith("Quiz:")), None)
        if question is None:
            fail(f"question {number}: no heading for the question")
        group = option_group(quiz, question)
        typed = focus.getRoleName() in ("entry", "text", "editbar")
        say(f"  question {number}: {question!r}; options {group}; focus {focus.getRoleName()} {focus.name!r}")
        if group is not None:
            role, options, names, places = group
            if role not in ("radio group", "panel", "grouping", "group"):
                fail(f"question {number}: options in a {role}")
            wanted = [(str(n), str(len(options))) for n in range(1, len(options) + 1)]
            if places != wanted:
                fail(f"question {number}: the options say their places as {places}")
            seen_kinds.add(options[0])
            key("1")
        elif typed:
            seen_kinds.add("typed")
            # A number reads as an answer to a typed question of either kind.
            type_text("150")
        elif "order" in question.lower():
            seen_kinds.add("order")
        elif "match" in question.lower():
            seen_kinds.add("match")
            key("a", "b", "c", "d")
        else:
            seen_kinds.add("card")
            key("space")
            time.sleep(0.3)
            key("1")
        ANNOUNCED.clear()
        if group is not None or typed or "order" in question.lower() or "match" in question.lower():
            key("Return")
        window = window_named("quizdesk - Quiz:")
        spoken = wait_for("the feedback to be announced",
                          announced(("Right", "Not right", "Partly right", "Thank you")))
        verdict = focused_named(window, question)
        say(f"  announced: {spoken[:90]!r}; focus on {verdict.getRoleName()} {verdict.name!r}")
        previous_focus = verdict.name
        key("Return")

    screen("quizdesk - Results")
    if not {"radio button", "check box", "typed"} <= seen_kinds:
        fail(f"not every kind was met: {seen_kinds}")
    say("PASSED")
finally:
    app.terminate()
    try:
        app.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.kill()
    launcher.terminate()
