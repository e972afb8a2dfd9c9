from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One searchable record (a challenge or an organisation) as the search engine sees it.

    Built by ``indexing.py`` from the record's public texts only; ``is_public`` says whether anyone may
    find it. Lexical search reads ``terms`` (analysed words, see analysis.py) through SQLite FTS5 or a
    Postgres ``tsvector`` column kept beside this table (migration 0002); semantic search and the matcher
    read ``vectors``, one embedding per passage. ``embedding_dirty`` is set when the passages change and
    cleared by the embedding task, so a re-run resumes where it stopped.
    """

    class Kind(models.TextChoices):
        CHALLENGE = "challenge", _("Challenge")
        ORGANISATION = "organisation", _("Organisation")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    is_public = models.BooleanField(_("public"), default=False)
    # {"fi": {"title": "...", "body": "..."}, ...}: the public texts in each language they exist in.
    texts = models.JSONField(_("texts"), default=dict)
    terms = models.TextField(_("analysed terms"), blank=True, default="")
    lemmas = models.TextField(_("Finnish lemmas"), blank=True, default="")
    # [[text, language], ...]: what is embedded, one vector per passage.
    passages = models.JSONField(_("passages"), default=list)
    passages_hash = models.CharField(_("passages hash"), max_length=64, blank=True)
    vectors = models.BinaryField(_("passage vectors"), null=True, blank=True)
    embedding_model = models.CharField(_("embedding model"), max_length=80, blank=True)
    embedding_dirty = models.BooleanField(_("embedding out of date"), default=True)
    embedded_at = models.DateTimeField(_("embedded"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")]
        indexes = [
            models.Index(fields=["kind", "is_public", "object_id"], name="search_doc_kind_public_idx"),
            models.Index(
                fields=["embedding_dirty", "id"], name="search_doc_dirty_idx", condition=models.Q(embedding_dirty=True)
            ),
            models.Index(fields=["kind", "embedded_at"], name="search_doc_embedded_idx"),
            models.Index(fields=["kind", "indexed_at"], name="search_doc_indexed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
