//! The desktop app: one file per screen; screens emit commands that the app applies.
