//! `claimlint review` in a terminal, read as a person sees it: run in tmux (a private
//! server, 100 columns by 40 lines), its screen read with `capture-pane`. Needs tmux,
//! which `.ci/run` installs; `cargo test` leaves it out (`#[ignore]`), `cargo test --
//! --ignored` runs it, and it fails where tmux cannot run. The plain output is
//! snapshotted in `tests/review.rs`.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn new(name: &str) -> Tmux {
        Tmux {
            socket: format!("claimlint-review-{}-{name}", std::process::id()),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("tmux cannot run: {e}"))
    }

    /// Starts `command` in a 100x40 window that stays on screen once it has exited. The
    /// option is set before the session starts, in the same call: set after it, a command
    /// that exits first (`--no-pager` on a small article) took its window and the server
    /// with it, and the screen read empty.
    fn start(&self, command: &str) {
        let out = self.run(&[
            "-f",
            "/dev/null",
            "start-server",
            ";",
            "set-option",
            "-g",
            "remain-on-exit",
            "on",
            ";",
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "40",
            command,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The screen, as text (`escapes`: with its colours and underlines as SGR codes).
    fn screen(&self, escapes: bool) -> String {
        let args: &[&str] = if escapes {
            &["capture-pane", "-p", "-e"]
        } else {
            &["capture-pane", "-p"]
        };
        String::from_utf8_lossy(&self.run(args).stdout).into_owned()
    }

    /// Waits until the screen shows `text`; the screen either way.
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(|s| s.contains(text))
    }

    /// Waits until the screen is `done`; the screen either way.
    fn wait_until(&self, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen(false);
            if done(&s) || Instant::now() > deadline {
                return s;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn command(env: &str, args: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    format!(
        "cd '{}' && env -u NO_COLOR -u LESS -u PAGER TERM=xterm-256color {env} '{}' review tests/review/article {args}",
        root.display(),
        env!("CARGO_BIN_EXE_claimlint")
    )
}

const TITLE: &str = "tests/review/article/claims.yaml — tests/review/article/article.md";
const SUMMARY: &str = "4 errors, 0 warnings, 0 notes in 1 file";

#[test]
#[ignore = "needs tmux: .ci/run installs it and runs it"]
fn in_a_terminal_the_article_is_paged_coloured_and_marked_in_words() {
    let t = Tmux::new("pager");
    t.start(&command("", ""));
    // The whole first screen: less draws its prompt last (on a busy machine the title
    // shows before the rest is drawn).
    let screen = t.wait_until(|s| s.contains(TITLE) && s.trim_end().lines().last() == Some(":"));
    // The pager (less -R) shows the first screen, not the end.
    assert!(screen.contains(TITLE), "{screen}");
    assert!(
        !screen.contains(SUMMARY),
        "a pager shows the start:\n{screen}"
    );
    // Margin markers in words; the passages underlined in colour, not with carets.
    assert!(
        screen.contains("✖ error    The council said on Monday"),
        "{screen}"
    );
    assert!(
        screen.contains("✖ error    `office_opened`, a status (line 35)"),
        "{screen}"
    );
    assert!(
        screen.contains("× `has already opened` (`office_opened`) and `aims to open`"),
        "the finding, miette-style, under its paragraph:\n{screen}"
    );
    assert_eq!(
        screen.trim_end().lines().last(),
        Some(":"),
        "less's prompt:\n{screen}"
    );
    assert!(!screen.contains("^^^^"), "{screen}");
    let coloured = t.screen(true);
    assert!(
        coloured.contains("\u{1b}[4m") || coloured.contains(";4m") || coloured.contains("[4;"),
        "no underline:\n{coloured:?}"
    );
    // Every line fits the 100 columns: the article is wrapped.
    assert!(screen.lines().all(|l| l.chars().count() <= 100));
    // `q` leaves the pager.
    t.run(&["send-keys", "q"]);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let dead = t.run(&["display-message", "-p", "#{pane_dead}"]);
        if String::from_utf8_lossy(&dead.stdout).trim() == "1" {
            break;
        }
        assert!(Instant::now() < deadline, "q did not leave the pager");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
#[ignore = "needs tmux: .ci/run installs it and runs it"]
fn with_no_color_and_no_pager_the_screen_is_plain_text_to_the_end() {
    let t = Tmux::new("plain");
    t.start(&command("NO_COLOR=1", "--no-pager"));
    let screen = t.wait_for(SUMMARY);
    assert!(
        screen.contains(SUMMARY),
        "without a pager the end shows:\n{screen}"
    );
    let coloured = t.screen(true);
    assert!(
        !coloured.contains('\u{1b}'),
        "NO_COLOR: no escape codes:\n{coloured:?}"
    );
    // Underlines are a line of carets under the passage.
    let all = {
        let out = t.run(&["capture-pane", "-p", "-S", "-2000"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(
        all.contains("✖ error    The council said on Monday"),
        "{all}"
    );
    assert!(all.contains("^^^^^^^^^^^"), "{all}");
}
