//! Work on a worker thread whose answer the app picks up when it comes; the window is woken
//! then, so nothing polls on a timer.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Wakes the window from another thread (egui's `request_repaint`, given by the window; a no-op
/// where there is none, as in the controller's unit tests).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// A waker that wakes nothing.
pub(crate) fn no_waker() -> Waker {
    Arc::new(|| {})
}

/// The answer of work running on a worker thread.
pub struct Job<T>(Receiver<Result<T, String>>);

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread; `waker` is called when it ends.
    pub fn spawn(waker: &Waker, work: impl FnOnce() -> Result<T, String> + Send + 'static) -> Self {
        let (sender, receiver) = channel();
        let waker = waker.clone();
        std::thread::spawn(move || {
            // The screen may be gone; then nobody wants the answer.
            let _ = sender.send(work());
            waker();
        });
        Self(receiver)
    }

    /// Waits for the answer; `lost` is the reason given if the worker stopped without one.
    pub fn wait(&self, lost: &str) -> Result<T, String> {
        self.0.recv().unwrap_or_else(|_| Err(lost.to_owned()))
    }

    /// The answer once it has come; `lost` is the reason given if the worker stopped without
    /// one.
    pub fn poll(&self, lost: &str) -> Option<Result<T, String>> {
        match self.0.try_recv() {
            Ok(answer) => Some(answer),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(lost.to_owned())),
        }
    }
}

/// Where the window's waker goes once there is a window: work started before (the store's
/// check, reading the decks) wakes the window through [`WakerSlot::waker`] when it ends.
pub(crate) struct WakerSlot(Arc<std::sync::Mutex<Waker>>);

impl WakerSlot {
    /// A slot that wakes nothing yet.
    pub(crate) fn new() -> Self {
        Self(Arc::new(std::sync::Mutex::new(no_waker())))
    }

    /// From now on, wake `waker`.
    pub(crate) fn set(&self, waker: Waker) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = waker;
        }
    }

    /// A waker that wakes whatever the slot holds when it is called.
    pub(crate) fn waker(&self) -> Waker {
        let slot = self.0.clone();
        Arc::new(move || {
            // Cloned out first: the window's waker is not called with the lock held.
            let waker = slot.lock().map(|w| w.clone()).ok();
            if let Some(waker) = waker {
                waker();
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_gives_its_answer_and_wakes_the_window() {
        let woken = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = woken.clone();
        let waker: Waker = Arc::new(move || flag.store(true, std::sync::atomic::Ordering::SeqCst));
        let job = Job::spawn(&waker, || Ok(42));
        let answer = loop {
            if let Some(answer) = job.poll("lost") {
                break answer;
            }
            std::thread::yield_now();
        };
        assert_eq!(answer, Ok(42));
        // The sender is gone once the answer came; the wake follows the send.
        while !woken.load(std::sync::atomic::Ordering::SeqCst) {
            std::thread::yield_now();
        }
    }

    #[test]
    fn work_started_before_the_window_wakes_the_window_given_later() {
        let slot = WakerSlot::new();
        let waker = slot.waker();
        waker(); // Nothing to wake yet: no effect, no panic.
        let woken = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = woken.clone();
        slot.set(Arc::new(move || {
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
        }));
        waker();
        assert!(woken.load(std::sync::atomic::Ordering::SeqCst));
    }

    #[test]
    fn a_worker_that_stops_without_an_answer_gives_the_reason() {
        let job: Job<u8> = Job::spawn(&no_waker(), || panic!("worker stops"));
        let answer = loop {
            if let Some(answer) = job.poll("it stopped") {
                break answer;
            }
            std::thread::yield_now();
        };
        assert_eq!(answer, Err("it stopped".to_owned()));
    }
}
