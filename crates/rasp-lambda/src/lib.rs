//! rasp-lambda
