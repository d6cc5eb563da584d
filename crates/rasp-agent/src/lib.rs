//! rasp-agent
