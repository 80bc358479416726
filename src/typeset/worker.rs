//! Typesetting inside a budget. A template is code the designer (or anyone
//! with push access) wrote, and Typst can neither be interrupted nor told
//! to stop allocating, and its memo cache lives as long as its process. So
//! every PDF is set by a short-lived copy of galley itself: it caps its own
//! memory and CPU time before it reads the request, the parent kills it
//! when the wall-clock budget runs out, and whatever it cached goes when it
//! exits. At most `SLOTS` run at once, so a burst of requests queues
//! instead of taking every core and all memory.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{Fonts, FontsRequest, Template};
use crate::error::{GalleyError, Kind, Result};
use crate::messages::toc as says;

/// The first argument that makes galley a typesetting worker.
pub const WORKER_ARG: &str = "__typeset-worker";
/// Typesetting runs at once; the rest wait their turn.
const SLOTS: usize = 2;
/// How long a document may wait for a turn before it is refused.
const QUEUE_WAIT: Duration = Duration::from_secs(30);
/// Wall-clock seconds one document may take, unless
/// `GALLEY_TYPESET_SECONDS` says otherwise.
const DEFAULT_SECONDS: u64 = 60;
/// Memory one document may take (heap and data), unless
/// `GALLEY_TYPESET_MEMORY_MB` says otherwise. The 2024-02 issue's whole
/// 校样 with the checker's marks peaks near 160 MB.
const DEFAULT_MEMORY_MB: u64 = 1024;
/// What the worker says on stdout before the PDF or the refusal.
const PDF: u8 = b'P';
const REFUSAL: u8 = b'E';

/// What one document may spend.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub time: Duration,
    pub memory_bytes: u64,
}

impl Budget {
    /// The budget in force: galley's defaults, or the administrator's
    /// `GALLEY_TYPESET_SECONDS` and `GALLEY_TYPESET_MEMORY_MB`.
    pub fn in_force() -> Budget {
        let number = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|n| *n > 0)
                .unwrap_or(default)
        };
        Budget {
            time: Duration::from_secs(number("GALLEY_TYPESET_SECONDS", DEFAULT_SECONDS)),
            memory_bytes: number("GALLEY_TYPESET_MEMORY_MB", DEFAULT_MEMORY_MB) << 20,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Request {
    shown: String,
    source: String,
    data_name: String,
    data_json: String,
    font_dirs: Vec<PathBuf>,
    system_fonts: bool,
    memory_bytes: u64,
    cpu_seconds: u64,
}

#[derive(Serialize, Deserialize)]
struct Refusal {
    message: String,
    hints: Vec<String>,
}

/// Turns to typeset, shared by every request of this process.
struct Slots {
    free: Mutex<usize>,
    freed: Condvar,
}

static TURNS: Slots = Slots {
    free: Mutex::new(SLOTS),
    freed: Condvar::new(),
};

/// A turn taken from `Slots`, given back when dropped.
struct Turn(&'static Slots);

impl Slots {
    fn take(&'static self, wait: Duration) -> Option<Turn> {
        let until = Instant::now() + wait;
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free == 0 {
            let left = until.checked_duration_since(Instant::now())?;
            free = self
                .freed
                .wait_timeout(free, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        *free -= 1;
        Some(Turn(self))
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.0.freed.notify_one();
    }
}

/// The PDF of `data_json` set with `template`, by a worker within the
/// budget in force. `what` names the document in a refusal.
pub fn pdf(
    template: &Template,
    data_json: &str,
    fonts: &FontsRequest,
    what: &str,
) -> Result<Vec<u8>> {
    let budget = Budget::in_force();
    let _turn = TURNS
        .take(QUEUE_WAIT)
        .ok_or_else(|| says::typeset_busy(what))?;
    crate::deadline::check()?;
    let request = Request {
        shown: template.shown.clone(),
        source: template.source.clone(),
        data_name: template.data.to_string(),
        data_json: data_json.to_string(),
        font_dirs: fonts.dirs.clone(),
        system_fonts: fonts.system,
        memory_bytes: budget.memory_bytes,
        cpu_seconds: budget.time.as_secs() + 1,
    };
    let input = serde_json::to_vec(&request).expect("a request serialises");
    let exe = std::env::current_exe().map_err(|e| says::typeset_no_worker(&e))?;
    let mut child = Command::new(exe)
        .arg(WORKER_ARG)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| says::typeset_no_worker(&e))?;
    let mut stdin = child.stdin.take().expect("piped");
    let feeder = std::thread::spawn(move || {
        // A worker that dies early closes the pipe; its exit says why.
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let status = wait_within(&mut child, budget.time);
    let _ = feeder.join();
    let out = reader.join().unwrap_or_default();
    crate::deadline::check()?;
    let Some(status) = status else {
        return Err(says::typeset_too_slow(what, budget.time.as_secs()));
    };
    match out.split_first() {
        Some((&PDF, pdf)) if status.success() => Ok(pdf.to_vec()),
        Some((&REFUSAL, json)) if status.success() => {
            let refusal: Refusal =
                serde_json::from_slice(json).map_err(|_| says::typeset_crashed(what))?;
            Err(GalleyError {
                kind: Kind::User,
                message: refusal.message,
                hints: refusal.hints,
            })
        }
        _ => Err(says::typeset_too_big(what, budget.memory_bytes >> 20)),
    }
}

/// The worker's exit, or none when it ran past `time`, or its request was
/// given up, and it was killed.
fn wait_within(child: &mut Child, time: Duration) -> Option<ExitStatus> {
    let until = Instant::now() + time;
    let mut pause = Duration::from_millis(2);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if Instant::now() >= until || crate::deadline::passed() {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(25));
    }
}

/// Runs this process as a worker when it was started as one, and says
/// with what exit code to stop.
pub fn run_if_worker() -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    (args.next()? == WORKER_ARG && args.next().is_none()).then(work)
}

fn work() -> i32 {
    let mut input = Vec::new();
    if std::io::stdin().read_to_end(&mut input).is_err() {
        return 1;
    }
    let Ok(request) = serde_json::from_slice::<Request>(&input) else {
        return 1;
    };
    drop(input);
    limit_self(request.memory_bytes, request.cpu_seconds);
    let template = Template {
        shown: request.shown,
        source: request.source,
        // The worker sets one document and exits.
        data: Box::leak(request.data_name.into_boxed_str()),
    };
    let result = Fonts::discover(&FontsRequest {
        dirs: request.font_dirs,
        system: request.system_fonts,
    })
    .and_then(|fonts| super::pdf(&template, &request.data_json, &fonts));
    let mut out = std::io::stdout().lock();
    let written = match result {
        Ok(pdf) => out.write_all(&[PDF]).and_then(|_| out.write_all(&pdf)),
        Err(e) => {
            let refusal = Refusal {
                message: e.message,
                hints: e.hints,
            };
            out.write_all(&[REFUSAL]).and_then(|_| {
                out.write_all(&serde_json::to_vec(&refusal).expect("a refusal serialises"))
            })
        }
    };
    match written.and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

/// Caps this process's heap and data (an allocation past it fails, and the
/// worker stops) and its CPU time, and lowers its priority.
#[cfg(unix)]
fn limit_self(memory_bytes: u64, cpu_seconds: u64) {
    let cap = |resource, value: u64| {
        let limit = libc::rlimit {
            rlim_cur: value as libc::rlim_t,
            rlim_max: value as libc::rlim_t,
        };
        // SAFETY: setrlimit reads the struct it is given and nothing else.
        unsafe { libc::setrlimit(resource, &limit) };
    };
    cap(libc::RLIMIT_DATA, memory_bytes);
    cap(libc::RLIMIT_CPU, cpu_seconds);
    // Pages people are waiting for come before a PDF being set.
    // SAFETY: setpriority changes this process's niceness and reads nothing.
    unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 10) };
}

/// Elsewhere only the parent's wall-clock budget applies.
#[cfg(not(unix))]
fn limit_self(_memory_bytes: u64, _cpu_seconds: u64) {}
