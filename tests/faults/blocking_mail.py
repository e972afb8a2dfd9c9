"""A mail backend for the worker fault test: each message becomes a file in ``FAULT_MAIL_DIR``.

While ``FAULT_MAIL_DIR/block`` exists, the second message blocks before it is delivered, after writing
``FAULT_MAIL_DIR/blocked``: that is where the test kills the worker.
"""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["FAULT_MAIL_DIR"])
        for message in email_messages:
            if (folder / "block").exists() and any(folder.glob("*.eml")):
                (folder / "blocked").write_text(str(os.getpid()))
                time.sleep(600)
            (folder / f"{uuid.uuid4().hex}.eml").write_text(f"{message.to[0]}\n{message.subject}\n")
        return len(email_messages)
