"""The original experiment's protocol, as reusable functions."""

from ._protocol import (
    FORMATTERS,
    ORIGINAL_TASKS,
    Record,
    Task,
    draw_subset,
    format_csv,
    format_json,
    format_markdown,
    long_tail_task,
    pair_tasks,
    run_comparison,
    short_name,
    split_pool,
    summarize,
)

__all__ = [
    "FORMATTERS",
    "ORIGINAL_TASKS",
    "Record",
    "Task",
    "draw_subset",
    "format_csv",
    "format_json",
    "format_markdown",
    "long_tail_task",
    "pair_tasks",
    "run_comparison",
    "short_name",
    "split_pool",
    "summarize",
]
