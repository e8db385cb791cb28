"""Argument templates for the Python load clients, filled per request as Bench fills `--args`
(src/Bench.Rpc/Templates): {{seq}} (0, 1, 2... per template, taken once per request, so every {{seq}} in one request
has the same number), {{uuid}} (a random UUID4), {{rand:A-B}} (an integer in [A, B]), {{choice:a|b|c}} (one of the
texts, as written), {{bytes:N}} (N characters of fixed filler, abc...z repeated: it sizes the payload, it does not vary
it). So a Python client sends the same shape of arguments as Bench does in the comparison. The text is split once; a
request only joins the parts and parses the JSON. A text without "{{" is parsed once and reused.
"""
import itertools
import json
import random
import re
import string
import uuid

_PLACEHOLDER = re.compile(r"\{\{([a-z]+)(?::([^}]*))?\}\}")


def compile_template(text):
    """Returns a function that makes a fresh argument value (list or dict) per call; raises ValueError on a bad placeholder."""
    json.loads(_PLACEHOLDER.sub("0", text))  # fail at start, not per request, on text that is not JSON around the holes
    if "{{" not in text:
        value = json.loads(text)
        return lambda: value
    parts = []
    last = 0
    for m in _PLACEHOLDER.finditer(text):
        parts.append(text[last:m.start()])
        parts.append(_filler(m.group(1), m.group(2), m.group(0)))
        last = m.end()
    parts.append(text[last:])
    counter = itertools.count(0)  # next() on a count is atomic under the GIL: threads share one sequence

    def render():
        seq = str(next(counter))
        return json.loads("".join(p if isinstance(p, str) else p(seq) for p in parts))

    return render


def _filler(kind, arg, whole):
    if kind == "seq" and arg is None:
        return lambda seq: seq
    if kind == "uuid" and arg is None:
        return lambda seq: str(uuid.uuid4())
    bounds = re.fullmatch(r"(-?\d+)-(-?\d+)", arg or "") if kind == "rand" else None
    if bounds:
        low, high = int(bounds.group(1)), int(bounds.group(2))
        if low <= high:
            return lambda seq: str(random.randint(low, high))
    if kind == "choice" and arg:
        options = arg.split("|")
        return lambda seq: random.choice(options)
    if kind == "bytes" and arg and arg.isdigit():
        filler = (string.ascii_lowercase * (int(arg) // 26 + 1))[:int(arg)]
        return lambda seq: filler
    raise ValueError("bad placeholder %s: expected {{seq}}, {{uuid}}, {{rand:A-B}}, {{choice:a|b}} or {{bytes:N}}" % whole)
