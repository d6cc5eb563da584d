//! rasp-actix
