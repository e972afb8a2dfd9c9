from .comment import Comment, Section
from .comment_report import CommentReport

__all__ = ["Comment", "CommentReport", "Section"]
