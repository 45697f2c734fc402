"""The words of the site's sentences, in one catalogue per language.

Analysis and chart summaries return structured results; where a result is said in words
it carries a ``Message``: a stable id (``status.compared``) and the typed values the
sentence is made from (points, figures, units, counts), never the words themselves. A
``Catalogue`` maps each id to a Jinja template that phrases it; ``phrase`` says a message
in the catalogue in use (English, ``en.toml``, unless ``use`` swaps in another). A second
language is a second catalogue file with the same ids: no code changes.

Figures are written by the filters below, which call the site's one formatter
(``build_scripts.formatting``), so every catalogue writes the same figure the same way.
Maintainers: see ``docs/wording.md``.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2

from build_scripts.formatting import Units, join_words, lower_first, number, share

HERE = Path(__file__).parent
SAID_MAX = 1 << 16
"""How many phrased messages a catalogue remembers before it starts again."""
SaidKey = tuple[str, frozenset[tuple[str, type, Any]]]


@dataclass(frozen=True)
class Message:
    """A sentence (or part of one) as data: which sentence (``id``) and its values.

    A value may itself be a ``Message`` (a phrase inside a sentence), or a list of them;
    the catalogue phrases those too."""

    id: str
    values: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        return phrase(self)


def message(id: str, /, **values: Any) -> Message:
    """``message("status.break", period="2014")``."""
    return Message(id, values)


class CatalogueError(KeyError):
    """A message id the catalogue has no words for."""


def _one_other(n: float) -> str:
    return "one" if n == 1 else "other"


def _gaelic(n: float) -> str:
    """Scottish Gaelic's four forms (CLDR): 1 and 11; 2 and 12; 3-10 and 13-19; other."""
    if n in (1, 11):
        return "one"
    if n in (2, 12):
        return "two"
    if n == int(n) and (3 <= n <= 10 or 13 <= n <= 19):
        return "few"
    return "other"


HEAD_WORDS = ("last", "first")
"""Where a language's noun phrases have their head word: English "National Outcome" is an
outcome (``last``); a language that puts the qualifier after the noun says ``first``."""

PLURAL_RULES: dict[str, Callable[[float], str]] = {"one-other": _one_other, "gaelic": _gaelic}
"""How a language chooses the form of a word for a number; a catalogue names its rule
(``plural = "one-other"``, English's)."""


class Catalogue:
    """The words of one language: message templates keyed by id.

    Templates are Jinja, without HTML escaping (the page templates escape what they
    print). Filters: ``figure(units, decimals)``, ``amount(units, decimals)`` (the size of
    a change: ``1.2 percentage points``), ``amounts`` (several sizes sharing the unit),
    ``exact(units)`` (a threshold as set, not at the measure's places), ``number``,
    ``share`` (``5%``), ``join`` (``a, b and c``, with the catalogue's ``words.and``),
    ``lower_first``, ``capital`` and ``head`` (a noun phrase's head word in lower case, for
    a generic mention or a column header: "National Outcome" -> "outcome"; which word is
    the head is the catalogue's ``head_word``, ``last`` in English). A value that is a
    ``Message`` is phrased where it is printed.
    """

    def __init__(
        self,
        language: str,
        templates: Mapping[str, str],
        proper_words: Iterable[str] = (),
        plural: str = "one-other",
        months: Sequence[str] = (),
        head_word: str = "last",
    ) -> None:
        if plural not in PLURAL_RULES:
            known = ", ".join(sorted(PLURAL_RULES))
            raise CatalogueError(f"no plural rule {plural!r} (known: {known})")
        self.language = language
        self.plural = plural
        self.templates = dict(templates)
        # words that keep their capital inside a sentence (a rule of the language)
        self.proper_words = frozenset(proper_words)
        # the names of the months, January first, for dates (``month_name``)
        self.months = tuple(months)
        if self.months and len(self.months) != 12:
            raise CatalogueError(f"{language}: months must name the 12 months, January first")
        if head_word not in HEAD_WORDS:
            raise CatalogueError(f"{language}: head_word is one of {', '.join(HEAD_WORDS)}")
        self.head_word = head_word
        self.conjunction = self.templates.get("words.and", "and")
        env = jinja2.Environment(
            # each message a template named by its id (so that a bytecode cache, when
            # one is set, keeps it compiled between builds)
            loader=jinja2.DictLoader(self.templates),
            autoescape=False,
            undefined=jinja2.StrictUndefined,
            finalize=self._finalize,
            keep_trailing_newline=False,
        )
        env.filters.update(
            figure=_figure,
            amount=_amount,
            amounts=self._amounts,
            exact=_exact,
            number=_number,
            share=share,
            join=self.join,
            lower_first=lambda text: lower_first(self.text(text), self.proper_words),
            capital=lambda text: capital(self.text(text)),
            head=self.head,
            plural=self.plural_form,
            month_name=self.month_name,
        )
        self.environment = env
        self._compiled: dict[str, jinja2.Template] = {}
        self._said: dict[SaidKey, str] = {}

    @functools.cached_property
    def fingerprint(self) -> str:
        """A hash of every word of the catalogue: part of the key of anything cached
        that holds its words (chart specs' titles and tooltips)."""
        words = (
            self.language,
            self.plural,
            sorted(self.templates.items()),
            sorted(self.proper_words),
            self.months,
            self.head_word,
        )
        return hashlib.sha256(repr(words).encode("utf-8")).hexdigest()

    @classmethod
    def load(cls, path: Path) -> Catalogue:
        """A catalogue file: TOML tables of message templates (``[status]`` then
        ``compared = "..."`` is the id ``status.compared``); ``language`` and
        ``proper_words`` (the words that keep their capital inside a sentence) at the top."""
        with path.open("rb") as f:
            data = tomllib.load(f)
        language = str(data.pop("language", path.stem))
        proper = data.pop("proper_words", [])
        if not isinstance(proper, list) or not all(isinstance(w, str) for w in proper):
            raise CatalogueError(f"{path}: proper_words must be a list of words in quotes")
        plural = str(data.pop("plural", "one-other"))
        months = data.pop("months", [])
        if not isinstance(months, list) or not all(isinstance(m, str) for m in months):
            raise CatalogueError(f"{path}: months must be a list of names in quotes")
        head_word = str(data.pop("head_word", "last"))
        return cls(language, dict(_flatten(data)), proper, plural, months, head_word)

    def month_name(self, month: int) -> str:
        """The name of ``month`` (1 is January)."""
        if len(self.months) != 12:
            raise CatalogueError(f"the catalogue {self.language!r} names no months")
        return self.months[month - 1]

    def plural_form(self, count: float, **forms: str) -> str:
        """The form of a word for ``count`` by the catalogue's plural rule:
        ``{{ n|plural(one="figure", other="figures") }}``. The forms are named by the
        categories of the Unicode CLDR (``one``, ``two``, ``few``, ``other``); a form the
        template leaves out falls back to ``other``."""
        category = PLURAL_RULES[self.plural](count)
        return forms.get(category, forms["other"])

    def lower_first(self, name: str) -> str:
        """A name for the middle of a sentence in this language: ``Sex`` -> ``sex``,
        while a name that starts with one of the catalogue's ``proper_words`` (or an
        acronym) keeps its capital."""
        return lower_first(name, self.proper_words)

    def head(self, noun: object) -> str:
        """The head word of a noun phrase, lower case unless it is one of the
        ``proper_words``: ``National Outcome`` -> ``outcome``, ``Goal`` -> ``goal``."""
        words = self.text(noun).split()
        if not words:
            return ""
        word = words[-1] if self.head_word == "last" else words[0]
        return word if word in self.proper_words or word.isupper() else word.lower()

    def ids(self) -> frozenset[str]:
        return frozenset(self.templates)

    def phrase(self, msg: Message) -> str:
        """The words of ``msg``. Remembered by id and values when the values can be (a
        page says the same words thousands of times: table headers, units, tooltips)."""
        try:  # the type too: 1 and 1.0 are equal, but print differently
            key: SaidKey | None = (
                msg.id,
                frozenset((k, type(v), v) for k, v in msg.values.items()),
            )
        except TypeError:  # a list among the values
            key = None
        if key is not None and any(isinstance(v, Message) for v in msg.values.values()):
            # A message's hash is its id alone (its values are a dict): keys holding
            # messages would all share a hash, and each lookup would compare the new
            # key with every one of them (at a million figures, most of the build).
            key = None
        if key is not None:
            said = self._said.get(key)
            if said is not None:
                return said
        said = self._render(msg)
        if key is not None:
            if len(self._said) >= SAID_MAX:
                self._said.clear()
            self._said[key] = said
        return said

    def _render(self, msg: Message) -> str:
        template = self._compiled.get(msg.id)
        if template is None:
            if msg.id not in self.templates:
                raise CatalogueError(f"no words for message {msg.id!r} in {self.language!r}")
            template = self._compiled[msg.id] = self.environment.get_template(msg.id)
        return template.render(msg.values)

    def text(self, value: object) -> str:
        """A value as words: a message phrased, anything else as it prints."""
        return str(self._finalize(value))

    def join(self, items: Iterable[object]) -> str:
        """``a``, ``a and b``, ``a, b and c``: messages among the items phrased."""
        return join_words([self.text(i) for i in items], self.conjunction)

    def _finalize(self, value: object) -> object:
        if isinstance(value, Message):
            return self.phrase(value)
        if value is None:
            raise TypeError("a message printed None: a value was left out")
        return value

    def _amounts(self, sizes: Sequence[float], units: Units, decimals: int | None = None) -> str:
        return units.amounts(sizes, decimals, conjunction=self.conjunction)


def _flatten(table: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    for key, value in table.items():
        if isinstance(value, Mapping):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield prefix + key, str(value)


def _figure(value: float, units: Units, decimals: int | None = None) -> str:
    return units.figure(value, decimals)


def _amount(size: float, units: Units, decimals: int | None = None) -> str:
    return units.amount(size, decimals)


def _exact(size: float, units: Units) -> str:
    """A threshold as set (``1 percentage point``, ``0.05``), not at the measure's places."""
    return replace(units, decimals=None).amount(size)


def _number(value: float, decimals: int | None = None) -> str:
    return number(value, decimals)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def languages() -> tuple[str, ...]:
    """The languages with a catalogue here (``en.toml`` is ``en``)."""
    return tuple(sorted(path.stem for path in HERE.glob("*.toml")))


@functools.cache
def catalogue(language: str) -> Catalogue:
    """The catalogue of ``language`` (a file ``<language>.toml`` beside this module)."""
    path = HERE / f"{language}.toml"
    if not path.is_file():
        known = ", ".join(languages())
        raise CatalogueError(f"no catalogue of messages for {language!r}; there are: {known}")
    return Catalogue.load(path)


def lower_first_name(name: str) -> str:
    """``name`` for the middle of a sentence, by the rule of the catalogue in use."""
    return current().lower_first(name)


def english() -> Catalogue:
    """The English catalogue, ``en.toml``: the site's words today."""
    return catalogue("en")


_CURRENT: contextvars.ContextVar[Catalogue | None] = contextvars.ContextVar(
    "catalogue", default=None
)


def current() -> Catalogue:
    """The catalogue in use: English unless ``use`` set another."""
    return _CURRENT.get() or english()


@contextlib.contextmanager
def use(catalogue: Catalogue) -> Iterator[Catalogue]:
    """Phrase every message with ``catalogue`` inside the ``with`` block."""
    token = _CURRENT.set(catalogue)
    try:
        yield catalogue
    finally:
        _CURRENT.reset(token)


def phrase(msg: Message, catalogue: Catalogue | None = None) -> str:
    """The words of ``msg`` in ``catalogue`` (by default the one in use)."""
    return (catalogue or current()).phrase(msg)


def sentences(messages: Iterable[Message | None], catalogue: Catalogue | None = None) -> str:
    """Several messages phrased and joined by spaces, leaving out ``None`` and empty ones."""
    words = (phrase(m, catalogue) for m in messages if m is not None)
    return " ".join(w for w in words if w)


__all__ = [
    "Catalogue",
    "CatalogueError",
    "Message",
    "catalogue",
    "current",
    "english",
    "languages",
    "lower_first_name",
    "message",
    "phrase",
    "sentences",
    "use",
]
