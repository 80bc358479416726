//! When a piece of blocking work should stop: its request's time is up,
//! or the request is gone (the browser left, or the desk answered 408).
//! The web desk sets one for the work of each request; long loops of the
//! layers below (each article checked, each document typeset) ask it, so
//! work nobody waits for any more does not keep the cores busy. Outside
//! the desk there is none, and nothing stops.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::error::Result;
use crate::messages;

#[derive(Clone, Debug)]
pub struct Deadline {
    until: Instant,
    abandoned: Arc<AtomicBool>,
}

thread_local! {
    static CURRENT: RefCell<Option<Deadline>> = const { RefCell::new(None) };
}

impl Deadline {
    pub fn new(until: Instant, abandoned: Arc<AtomicBool>) -> Deadline {
        Deadline { until, abandoned }
    }

    pub fn passed(&self) -> bool {
        self.abandoned.load(Ordering::Relaxed) || Instant::now() >= self.until
    }
}

/// The deadline of the work running on this thread, to hand to the
/// threads it starts.
pub fn current() -> Option<Deadline> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Runs `work` on this thread under `deadline`.
pub fn under<T>(deadline: Option<Deadline>, work: impl FnOnce() -> T) -> T {
    let before = CURRENT.with(|c| c.replace(deadline));
    let out = work();
    CURRENT.with(|c| *c.borrow_mut() = before);
    out
}

/// Whether the work on this thread should stop now.
pub fn passed() -> bool {
    CURRENT.with(|c| c.borrow().as_ref().is_some_and(Deadline::passed))
}

/// Stops the work on this thread once its deadline has passed.
pub fn check() -> Result<()> {
    match passed() {
        true => Err(messages::web::took_too_long()),
        false => Ok(()),
    }
}
