//! The connections the desk holds, and who gives way when it is full.
//!
//! Each address may hold a few connections (`PerAddress`). The desk as a
//! whole holds at most a fixed number (`Live`); when a new one arrives at
//! the cap, the connection that has been idle longest, one with no request
//! in progress (a client that never finished its headers, or a keep-alive
//! one nobody uses), is closed to make room. Only when every connection is
//! busy with a request is the newcomer turned away. So clients that open
//! connections from many addresses and then stall cannot keep the office
//! waiting for the header timeout.

use std::collections::{BTreeMap, HashMap};
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use tokio::task::AbortHandle;

/// Connections held per address.
#[derive(Default)]
pub struct PerAddress(Mutex<HashMap<IpAddr, usize>>);

/// One connection's place in `PerAddress`, given back when it closes.
pub struct Slot {
    table: Arc<PerAddress>,
    addr: IpAddr,
}

impl PerAddress {
    pub fn take(table: &Arc<PerAddress>, addr: IpAddr, most: usize) -> Option<Slot> {
        let mut counts = table.0.lock().unwrap_or_else(|e| e.into_inner());
        let held = counts.entry(addr).or_insert(0);
        if *held >= most {
            return None;
        }
        *held += 1;
        Some(Slot {
            table: table.clone(),
            addr,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = self.table.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(held) = counts.get_mut(&self.addr) {
            *held -= 1;
            if *held == 0 {
                counts.remove(&self.addr);
            }
        }
    }
}

/// What the desk knows of one live connection.
pub struct Activity {
    /// Requests being answered now.
    in_flight: AtomicUsize,
    /// When it last started or finished a request (ms since `Live` began).
    last: AtomicU64,
    epoch: Instant,
    task: OnceLock<AbortHandle>,
}

impl Activity {
    fn now(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64
    }

    /// Lets `Live` close this connection should it need the room.
    pub fn closable_by(&self, task: AbortHandle) {
        let _ = self.task.set(task);
    }

    /// Marks a request begun; the guard marks it done.
    pub fn request(self: &Arc<Self>) -> Busy {
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        self.last.store(self.now(), Ordering::SeqCst);
        Busy(self.clone())
    }
}

/// A request in progress on a connection.
pub struct Busy(Arc<Activity>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
        self.0.last.store(self.0.now(), Ordering::SeqCst);
    }
}

/// The live connections, by number.
pub struct Live {
    most: usize,
    epoch: Instant,
    next: AtomicU64,
    all: Mutex<BTreeMap<u64, Arc<Activity>>>,
}

/// A connection's entry in `Live`, removed when the connection ends.
pub struct Entry {
    live: Arc<Live>,
    id: u64,
    pub activity: Arc<Activity>,
}

impl Drop for Entry {
    fn drop(&mut self) {
        self.live
            .all
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.id);
    }
}

impl Live {
    pub fn new(most: usize) -> Arc<Live> {
        Arc::new(Live {
            most,
            epoch: Instant::now(),
            next: AtomicU64::new(0),
            all: Mutex::new(BTreeMap::new()),
        })
    }

    /// A place for a new connection, closing the longest-idle one if the
    /// desk is full; `None` if every connection is answering a request.
    pub fn admit(self: &Arc<Self>) -> Option<Entry> {
        let mut all = self.all.lock().unwrap_or_else(|e| e.into_inner());
        if all.len() >= self.most {
            let idle = all
                .iter()
                .filter(|(_, a)| a.in_flight.load(Ordering::SeqCst) == 0)
                .min_by_key(|(_, a)| a.last.load(Ordering::SeqCst))
                .map(|(id, _)| *id)?;
            if let Some(gone) = all.remove(&idle)
                && let Some(task) = gone.task.get()
            {
                task.abort();
            }
        }
        let id = self.next.fetch_add(1, Ordering::SeqCst);
        let activity = Arc::new(Activity {
            in_flight: AtomicUsize::new(0),
            last: AtomicU64::new(self.epoch.elapsed().as_millis() as u64),
            epoch: self.epoch,
            task: OnceLock::new(),
        });
        all.insert(id, activity.clone());
        Some(Entry {
            live: self.clone(),
            id,
            activity,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_desk_closes_the_longest_idle_connection_and_never_a_busy_one() {
        let live = Live::new(2);
        let first = live.admit().unwrap();
        let sleeper = tokio::spawn(std::future::pending::<()>());
        first.activity.closable_by(sleeper.abort_handle());
        let second = live.admit().unwrap();
        let busy = second.activity.request();
        let third = live.admit().expect("the idle one gives way");
        assert!(sleeper.await.unwrap_err().is_cancelled());
        // Now one busy and one idle: the idle newcomer gives way next, and
        // with both busy nobody does.
        let _also_busy = third.activity.request();
        assert!(live.admit().is_none());
        drop(busy);
        assert!(live.admit().is_some());
    }
}
