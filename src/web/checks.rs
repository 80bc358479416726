//! Turns at checking a password, shared so that a flood of guesses from
//! many addresses cannot keep out a person who knows their password.
//!
//! Only `RUNNING` checks run at once (argon2 is slow and large on
//! purpose). Logins wait for a turn in one of three lanes, and a freed turn
//! goes to the first waiter of the highest lane:
//!
//! 1. `Lane::Recognised`: a browser that carries a device cookie this desk
//!    gave after an earlier correct login of the same name. A stranger
//!    cannot make one, so these are never crowded out.
//! 2. `Lane::Known`: a name that has a password. Each address holds at
//!    most `PER_ADDRESS` places here and in the next lane, waiting or
//!    checking, so many addresses share the queue instead of filling it.
//! 3. `Lane::Unknown`: every other name. These can only be noise or
//!    typos, and go at `UNKNOWN_PER_SECOND` across the whole desk at most;
//!    beyond it they are answered at once as busy, without a check.
//!
//! A waiter that gives up (its time is over, or its browser went away)
//! never takes a turn with it.
//!
//! The checks run on `RUNNING` threads of their own. Each argon2 check
//! allocates its 19 MiB afresh, and the allocator keeps what a thread
//! freed for that thread; on the runtime's many blocking threads a flood
//! left the desk holding hundreds of megabytes it no longer used.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::time::Instant;

/// Checks at once. Each argon2 check takes about 19 MiB and a core for a
/// moment; more at once would only queue on the two cores.
const RUNNING: usize = 2;
/// Places in each lane's queue, highest lane first.
const QUEUED: [usize; 3] = [32, 32, 8];
/// How long a login waits for a turn, highest lane first.
const PATIENCE: [Duration; 3] = [
    Duration::from_secs(10),
    Duration::from_secs(5),
    Duration::from_secs(2),
];
/// Places one address holds, waiting or checking, in the lower lanes.
const PER_ADDRESS: usize = 2;
/// Checks of names without a password, across the desk, per second…
const UNKNOWN_PER_SECOND: f64 = 4.0;
/// …allowing this many at once after a quiet spell.
const UNKNOWN_BURST: f64 = 8.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    Recognised = 0,
    Known = 1,
    Unknown = 2,
}

impl Lane {
    fn shared_by_addresses(self) -> bool {
        self != Lane::Recognised
    }
}

/// A login that got no turn: every place it could wait in was taken, or
/// its time ran out.
#[derive(Debug, PartialEq, Eq)]
pub struct Busy;

struct Waiter {
    wake: oneshot::Sender<()>,
}

struct State {
    running: usize,
    lanes: [VecDeque<Waiter>; 3],
    /// Places held per address in the lanes shared by addresses.
    held: HashMap<IpAddr, usize>,
    unknown_tokens: f64,
    refilled: Instant,
}

impl State {
    /// Hands a freed turn to the first waiter still waiting, or frees it.
    fn pass_on(&mut self) {
        for lane in &mut self.lanes {
            while let Some(waiter) = lane.pop_front() {
                if waiter.wake.send(()).is_ok() {
                    return;
                }
            }
        }
        self.running -= 1;
    }

    fn take_unknown_token(&mut self, now: Instant) -> bool {
        let earned = now.duration_since(self.refilled).as_secs_f64() * UNKNOWN_PER_SECOND;
        self.unknown_tokens = (self.unknown_tokens + earned).min(UNKNOWN_BURST);
        self.refilled = now;
        if self.unknown_tokens < 1.0 {
            return false;
        }
        self.unknown_tokens -= 1.0;
        true
    }

    fn release_address(&mut self, addr: IpAddr) {
        if let Some(held) = self.held.get_mut(&addr) {
            *held -= 1;
            if *held == 0 {
                self.held.remove(&addr);
            }
        }
    }
}

type Job = Box<dyn FnOnce() + Send>;

pub struct Checks {
    state: Arc<Mutex<State>>,
    jobs: std::sync::mpsc::Sender<Job>,
}

/// The threads that run the checks, fed by one queue.
fn checkers() -> std::sync::mpsc::Sender<Job> {
    let (send, jobs) = std::sync::mpsc::channel::<Job>();
    let jobs = Arc::new(Mutex::new(jobs));
    for n in 0..RUNNING {
        let jobs = jobs.clone();
        std::thread::Builder::new()
            .name(format!("galley-login-check-{n}"))
            .spawn(move || {
                loop {
                    let job = jobs.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                }
            })
            .expect("a thread for login checks");
    }
    send
}

impl Default for Checks {
    fn default() -> Checks {
        Checks {
            state: Arc::new(Mutex::new(State {
                running: 0,
                lanes: Default::default(),
                held: HashMap::new(),
                unknown_tokens: UNKNOWN_BURST,
                refilled: Instant::now(),
            })),
            jobs: checkers(),
        }
    }
}

/// A turn at checking a password; the next waiter gets it when this is
/// dropped.
pub struct Turn {
    state: Arc<Mutex<State>>,
    /// Set while the turn holds one of its address's places.
    addr: Option<IpAddr>,
    jobs: std::sync::mpsc::Sender<Job>,
}

impl Turn {
    /// Runs the check on the checking threads.
    pub async fn run<T: Send + 'static>(&self, check: impl FnOnce() -> T + Send + 'static) -> T {
        let (send, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = send.send(check());
        });
        self.jobs.send(job).expect("the checking threads run");
        result.await.expect("a check answers")
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut state = lock(&self.state);
        if let Some(addr) = self.addr {
            state.release_address(addr);
        }
        state.pass_on();
    }
}

/// A place in a queue. Dropped before its turn came, it leaves the queue
/// (the sender sees it gone); dropped just after, it passes the turn on.
struct Waiting {
    state: Arc<Mutex<State>>,
    wake: Option<oneshot::Receiver<()>>,
    addr: Option<IpAddr>,
}

impl Drop for Waiting {
    fn drop(&mut self) {
        let mut state = lock(&self.state);
        if let Some(mut wake) = self.wake.take() {
            wake.close();
            if wake.try_recv().is_ok() {
                state.pass_on();
            }
        }
        if let Some(addr) = self.addr {
            state.release_address(addr);
        }
    }
}

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

impl Checks {
    /// Waits for a turn in `lane` for a login from `addr`, or says the
    /// desk is too busy for it now.
    pub async fn turn(&self, lane: Lane, addr: IpAddr) -> Result<Turn, Busy> {
        let index = lane as usize;
        let addr = lane.shared_by_addresses().then_some(addr);
        let wake = {
            let mut state = lock(&self.state);
            if let Some(addr) = addr
                && state.held.get(&addr).copied().unwrap_or(0) >= PER_ADDRESS
            {
                return Err(Busy);
            }
            if lane == Lane::Unknown && !state.take_unknown_token(Instant::now()) {
                return Err(Busy);
            }
            if let Some(addr) = addr {
                *state.held.entry(addr).or_insert(0) += 1;
            }
            if state.running < RUNNING {
                state.running += 1;
                return Ok(Turn {
                    state: self.state.clone(),
                    addr,
                    jobs: self.jobs.clone(),
                });
            }
            if state.lanes[index].len() >= QUEUED[index] {
                if let Some(addr) = addr {
                    state.release_address(addr);
                }
                return Err(Busy);
            }
            let (send, wake) = oneshot::channel();
            state.lanes[index].push_back(Waiter { wake: send });
            wake
        };
        let mut waiting = Waiting {
            state: self.state.clone(),
            wake: Some(wake),
            addr,
        };
        let got = tokio::time::timeout(
            PATIENCE[index],
            waiting.wake.as_mut().expect("still waiting"),
        )
        .await;
        if let Ok(Ok(())) = got {
            // The turn is this login's now: it is the `Turn` that gives
            // the place and the turn back.
            waiting.wake = None;
            waiting.addr = None;
            return Ok(Turn {
                state: self.state.clone(),
                addr,
                jobs: self.jobs.clone(),
            });
        }
        Err(Busy)
    }

    #[cfg(test)]
    fn running(&self) -> usize {
        lock(&self.state).running
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(n: u8) -> IpAddr {
        IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 1, n))
    }

    /// Lets every task spawned so far run until it waits.
    async fn settle() {
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn a_freed_turn_goes_to_the_highest_lane_first() {
        let checks = Arc::new(Checks::default());
        let first = checks.turn(Lane::Known, addr(1)).await.unwrap();
        let second = checks.turn(Lane::Known, addr(2)).await.unwrap();
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut waiters = tokio::task::JoinSet::new();
        for (lane, n) in [(Lane::Unknown, 3), (Lane::Known, 4), (Lane::Recognised, 5)] {
            let (checks, order) = (checks.clone(), order.clone());
            waiters.spawn(async move {
                let turn = checks.turn(lane, addr(n)).await;
                order.lock().unwrap().push(lane);
                drop(turn);
            });
            settle().await;
        }
        drop(first);
        settle().await;
        drop(second);
        while waiters.join_next().await.is_some() {}
        assert_eq!(
            *order.lock().unwrap(),
            [Lane::Recognised, Lane::Known, Lane::Unknown]
        );
        assert_eq!(checks.running(), 0);
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn one_address_holds_only_its_share() {
        let checks = Checks::default();
        let _a = checks.turn(Lane::Known, addr(1)).await.unwrap();
        let _b = checks.turn(Lane::Known, addr(1)).await.unwrap();
        assert_eq!(checks.turn(Lane::Known, addr(1)).await.err(), Some(Busy));
        assert_eq!(checks.turn(Lane::Unknown, addr(1)).await.err(), Some(Busy));
        // A recognised browser at the same address is not held by it.
        let waited = checks.turn(Lane::Recognised, addr(1)).await;
        assert_eq!(waited.err(), Some(Busy), "both turns are still taken");
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn unknown_names_are_checked_at_a_bounded_rate() {
        let checks = Checks::default();
        let mut checked = 0;
        for n in 0..40u8 {
            if let Ok(turn) = checks.turn(Lane::Unknown, addr(n)).await {
                checked += 1;
                drop(turn);
            }
        }
        assert_eq!(checked, UNKNOWN_BURST as usize);
        tokio::time::advance(Duration::from_secs(1)).await;
        let later = checks.turn(Lane::Unknown, addr(99)).await;
        assert!(later.is_ok());
    }

    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn a_waiter_that_gives_up_takes_no_turn_with_it() {
        let checks = Arc::new(Checks::default());
        let first = checks.turn(Lane::Known, addr(1)).await.unwrap();
        let second = checks.turn(Lane::Known, addr(2)).await.unwrap();
        let waiting = {
            let checks = checks.clone();
            tokio::spawn(async move { checks.turn(Lane::Known, addr(3)).await.map(drop) })
        };
        settle().await;
        waiting.abort();
        settle().await;
        drop(first);
        drop(second);
        assert_eq!(checks.running(), 0);
        let _again = checks.turn(Lane::Known, addr(3)).await.unwrap();
    }
}
