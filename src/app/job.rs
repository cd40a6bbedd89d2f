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
