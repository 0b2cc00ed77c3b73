//! `sopkit serve [PROJECT]`: builds the project with its portal, serves the
//! portal on a loopback port, and rebuilds on every save (as `watch` does);
//! the open page reloads itself after each build, and shows the build's
//! errors (file and line) over the page until they are fixed. Ctrl-C
//! stops it; every output is written atomically, so stopping mid-build
//! leaves the earlier files whole.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex};

use clap::Args;

use super::build::BuildArgs;
use super::terminal::Report;
use crate::diagnostic::{Diagnostic, Diagnostics, EnvError, Severity};
use crate::pipeline::{default_out_dir_for, watch};
use crate::publish::PORTAL_DIR;
use crate::util::http::{self, Response};

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// The loopback port to serve on (0: any free port)
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// How often to look for changes, in milliseconds
    #[arg(long, default_value_t = 100, value_name = "MS")]
    pub interval: u64,
}

/// What the page asks the server between builds.
#[derive(Default)]
struct State {
    /// Counts builds: the page reloads when it changes.
    version: u64,
    /// The last build's errors, as the terminal shows them.
    errors: String,
}

/// The script every served page gets: it asks for the build's version and
/// reloads when it changes; errors are shown over the page. After the first
/// answer it asks with the version it has seen, and the server answers when
/// a build changes it (or after a while): a save shows without polling's
/// delay.
const RELOAD_JS: &str = r#"(function () {
  var seen = null;
  function ask() {
    var request = new XMLHttpRequest();
    request.open("GET", "/__sopkit/versi" + (seen === null ? "" : "?sejak=" + seen));
    request.onload = function () {
      var state = JSON.parse(request.responseText);
      if (seen !== null && state.versi !== seen) { location.reload(); return; }
      seen = state.versi;
      var box = document.getElementById("sopkit-galat");
      if (state.galat) {
        if (!box) {
          box = document.createElement("pre");
          box.id = "sopkit-galat";
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;" +
            "padding:1rem;background:#fff3f3;color:#8a1616;border-top:3px solid #8a1616;font-size:.85rem;z-index:99;" +
            "white-space:pre-wrap;overflow-wrap:anywhere";
          document.body.appendChild(box);
        }
        box.textContent = state.galat;
      } else if (box) {
        box.remove();
      }
      setTimeout(ask, 0);
    };
    request.onerror = function () { setTimeout(ask, 1000); };
    request.send();
  }
  ask();
})();
"#;

pub fn run(args: ServeArgs) -> Result<ExitCode, EnvError> {
    let mut options = args.build.options();
    options.portal = true;
    let listener = TcpListener::bind(("127.0.0.1", args.port))
        .map_err(|e| EnvError(crate::tr!("serve-cannot-listen", port = args.port, why = e)))?;
    let port = listener.local_addr().map_err(|e| EnvError(e.to_string()))?.port();
    let out: PathBuf = match &options.out {
        Some(out) => out.clone(),
        None => default_out_dir_for(&options.project)?,
    };
    let portal = out.join(PORTAL_DIR);
    let state = Arc::new((Mutex::new(State::default()), Condvar::new()));
    let shared = state.clone();
    std::thread::spawn(move || {
        http::serve(listener, move |path| answer(&portal, &shared, path));
    });
    println!("{}", crate::tr!("serve-at", url = format!("http://127.0.0.1:{port}/")));
    let progress = Report::new();
    let interval = std::time::Duration::from_millis(args.interval.max(50));
    let deny_warnings = args.build.warnings.deny_warnings;
    watch::watch(
        &options,
        &progress,
        interval,
        |outcome| {
            // With --deny-warnings a warning fails the build as an error
            // does: it is shown as one, here and over the page.
            let denied = deny_warnings && !outcome.failed() && outcome.diagnostics.warnings().next().is_some();
            let diagnostics = if denied { as_errors(&outcome.diagnostics) } else { outcome.diagnostics.clone() };
            diagnostics.print();
            super::build::print_notes(&outcome.notes);
            let (state, changed) = &*state;
            let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
            state.version += 1;
            changed.notify_all();
            let failed = outcome.failed() || denied;
            state.errors = if failed { diagnostics.render_localised() } else { String::new() };
            if denied {
                eprintln!("{}", crate::tr!("serve-warnings-denied"));
            } else if failed {
                eprintln!("{}", crate::tr!("serve-errors"));
            } else if !outcome.pending.is_empty() {
                let paths = outcome.pending.join(", ");
                eprintln!("{}", crate::tr!("serve-updated-pending", version = state.version, paths = paths));
            } else {
                eprintln!("{}", crate::tr!("serve-updated", version = state.version));
            }
        },
        || true,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Every diagnostic as an error.
fn as_errors(diagnostics: &Diagnostics) -> Diagnostics {
    Diagnostics(diagnostics.0.iter().map(|d| Diagnostic { severity: Severity::Error, ..d.clone() }).collect())
}

/// How long a page's question for a newer build is held open.
const HELD_FOR: std::time::Duration = std::time::Duration::from_secs(20);

fn answer(portal: &std::path::Path, state: &(Mutex<State>, Condvar), path: &str) -> Response {
    match path.split('?').next().unwrap_or_default() {
        "/__sopkit/versi" => {
            let (state, changed) = state;
            let seen: Option<u64> = path.split_once("?sejak=").and_then(|(_, n)| n.parse().ok());
            let mut state = state.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(seen) = seen {
                state = changed
                    .wait_timeout_while(state, HELD_FOR, |s| s.version == seen)
                    .map_or_else(|e| e.into_inner().0, |(s, _)| s);
            }
            let json = serde_json::json!({ "versi": state.version, "galat": state.errors });
            Response::ok("application/json", json.to_string().into_bytes())
        }
        "/__sopkit/segarkan.js" => Response::ok("text/javascript; charset=utf-8", RELOAD_JS.as_bytes().to_vec()),
        _ => match http::file_under(portal, path) {
            Some(file) => match std::fs::read(&file) {
                Ok(mut body) => {
                    let kind = http::content_type(&file);
                    if kind.starts_with("text/html") {
                        let script = b"<script src=\"/__sopkit/segarkan.js\"></script>\n</body>";
                        if let Some(at) = body.windows(7).rposition(|w| w == b"</body>") {
                            body.splice(at..at + 7, script.iter().copied());
                        }
                    }
                    // Tagged after the script is added: the tag names
                    // exactly what is sent.
                    Response::ok(kind, body).tagged_by_content()
                }
                Err(_) => Response::not_found(),
            },
            None => Response::not_found(),
        },
    }
}
