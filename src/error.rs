//! Errors that reach the user: one sentence saying what is wrong, and hints
//! saying what to do, in the style of jj's `CommandError`.

use std::fmt;
use std::io;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something the user can fix; exit 1.
    User,
    /// What was asked for does not exist (a revision, say); exit 1, and
    /// the desk answers 404.
    Missing,
    /// The command line itself was wrong; exit 2.
    Usage,
    /// A check ran and found problems; exit 3.
    Check,
    /// The reader went away (`galley log | head`); success.
    BrokenPipe,
}

#[derive(Debug, Clone)]
pub struct GalleyError {
    pub kind: Kind,
    pub message: String,
    pub hints: Vec<String>,
}

pub type Result<T> = std::result::Result<T, GalleyError>;

impl GalleyError {
    pub fn user(message: impl Into<String>) -> Self {
        GalleyError {
            kind: Kind::User,
            message: message.into(),
            hints: vec![],
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        GalleyError {
            kind: Kind::Usage,
            ..GalleyError::user(message)
        }
    }

    pub fn check(message: impl Into<String>) -> Self {
        GalleyError {
            kind: Kind::Check,
            ..GalleyError::user(message)
        }
    }

    pub fn missing(message: impl Into<String>) -> Self {
        GalleyError {
            kind: Kind::Missing,
            ..GalleyError::user(message)
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn exit_code(&self) -> i32 {
        match self.kind {
            Kind::User | Kind::Missing => 1,
            Kind::Usage => 2,
            Kind::Check => 3,
            Kind::BrokenPipe => 0,
        }
    }
}

impl fmt::Display for GalleyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl From<io::Error> for GalleyError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return GalleyError {
                kind: Kind::BrokenPipe,
                message: String::new(),
                hints: vec![],
            };
        }
        crate::messages::io_failed(&e)
    }
}

impl From<git2::Error> for GalleyError {
    fn from(e: git2::Error) -> Self {
        crate::messages::git_failed(&e)
    }
}
