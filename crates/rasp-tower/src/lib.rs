//! rasp-tower
