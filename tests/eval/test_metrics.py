

def test_capped_runs_sample_evenly_over_the_whole_file() -> None:
    from dyad.eval.registry import spread_sample

    rows = list(range(100))
    assert spread_sample(rows, 4) == [0, 25, 50, 75]
    assert spread_sample(rows, None) == rows
    assert spread_sample(rows[:3], 10) == [0, 1, 2]
