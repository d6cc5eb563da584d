//! `rasp check` protocol (JSON Lines in, verdicts out); see the CLI.
