"""Background work of the search engine, queued on commit by services.search_index_schedule."""

from django_tasks import task

from . import embedding, indexing


@task()
def index_objects_task(kind: str, ids: list[int]) -> int:
    docs = indexing.index_objects(kind, ids)
    if any(d.embedding_dirty for d in docs):
        embed_dirty_task.enqueue()
    return len(docs)


@task()
def embed_dirty_task() -> int:
    return embedding.embed_dirty(batch_size=16, limit=2000)
