"""The words of the synthetic news (``bench/newsgen.py``): written for the benchmarks, never copied.

``world`` holds what both languages name (regions, their cities and governorates, people, clubs,
attack targets) as (Arabic, English) pairs; ``arabic`` and ``english`` hold the sentence templates
of each language, by topic and by kind of attack mention. A template's ``{slot}`` is filled by
``newsgen.Filler``; the slots are listed in ``newsgen``'s docstring.
"""
