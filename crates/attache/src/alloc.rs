//! The process's memory allocator: mimalloc for the many small, short-lived allocations of
//! coding (strings and vectors per sentence: about a tenth less CPU time than glibc's malloc),
//! glibc's for large blocks. mimalloc copies a large block on every growth and keeps freed
//! large blocks mapped, so an input buffer growing to the 64 MiB limit peaked at three times
//! the memory it does with glibc, which grows such blocks in place (`mremap`) and unmaps them
//! on free.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks of this size or more go to the system allocator.
const LARGE: usize = 1 << 20;

pub struct Split;

fn is_large(size: usize) -> bool {
    size >= LARGE
}

// SAFETY: every block is freed or resized by the allocator that made it: the owner is a pure
// function of the block's size, and Rust passes back the size the block was last given.
unsafe impl GlobalAlloc for Split {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if is_large(layout.size()) {
            System.alloc(layout)
        } else {
            mimalloc::MiMalloc.alloc(layout)
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if is_large(layout.size()) {
            System.alloc_zeroed(layout)
        } else {
            mimalloc::MiMalloc.alloc_zeroed(layout)
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if is_large(layout.size()) {
            System.dealloc(ptr, layout)
        } else {
            mimalloc::MiMalloc.dealloc(ptr, layout)
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        match (is_large(layout.size()), is_large(new_size)) {
            (true, true) => System.realloc(ptr, layout, new_size),
            (false, false) => mimalloc::MiMalloc.realloc(ptr, layout, new_size),
            _ => {
                // Crossing the line: a block from the other allocator, then a copy.
                let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                let new = self.alloc(new_layout);
                if !new.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                new
            }
        }
    }
}
