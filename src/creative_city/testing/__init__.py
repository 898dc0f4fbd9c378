"""Test helpers for users of creative-city: hypothesis strategies for every public type.

Install the ``testing`` extra (``pip install creative-city[testing]``). The strategies
are registered with hypothesis through its entry point, so ``st.from_type(Money)``
works in your tests without importing anything from here.
"""

__all__: list[str] = []
