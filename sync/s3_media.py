"""The MediaStore port on S3 or any store that speaks its protocol (MinIO, Ceph, Cloudflare R2).

Objects: `media/<id>` is a kept file, its owner, kind and source in the object's metadata;
`shared/<id>/<project>` is an empty marker per project the file was submitted to (markers, not
a metadata edit, so two productions shared at once cannot lose one); `uploads/<id>` is a file a
phone sent straight to the store through a presigned POST, kept there until `complete_upload`
has read its first bytes. A lifecycle rule on `uploads/` (a day) clears what nobody completed.
boto3 blocks, so every call runs in a thread.
"""
import asyncio
import re
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from core.errors import Rejected
from core.media import LINK_MAX_S, SNIFF_BYTES, MediaStore, StoredMedia, check_declared, check_upload

MEDIA_ID = re.compile(r"[a-f0-9]{32}")
PROJECT_ID = re.compile(r"[a-z0-9_-]{1,80}")  # one segment of a key
KEPT, SHARED, UPLOADS = "media/", "shared/", "uploads/"
MISSING = ("404", "NoSuchKey", "NotFound")


class S3MediaStore(MediaStore):
    def __init__(self, bucket: str, endpoint_url: str = "", region: str = "us-east-1",
                 access_key_id: str = "", secret_access_key: str = ""):
        """An empty `endpoint_url` is AWS itself; empty keys: boto3's own chain (an instance
        role, AWS_* variables). Other S3 servers want path-style addresses."""
        self._bucket = bucket
        self._s3 = boto3.client(
            "s3", endpoint_url=endpoint_url or None, region_name=region,
            aws_access_key_id=access_key_id or None, aws_secret_access_key=secret_access_key or None,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path" if endpoint_url else "auto"}),
        )

    async def save(self, owner_id: str, kind: str, content_type: str, data: bytes,
                   derived_from: str | None = None) -> StoredMedia:
        media = StoredMedia(uuid.uuid4().hex, owner_id, kind, content_type, len(data), derived_from or "")
        await asyncio.to_thread(self._s3.put_object, Bucket=self._bucket, Key=KEPT + media.media_id, Body=data,
                                ContentType=content_type, Metadata=_metadata(media))
        return media

    async def load(self, media_id: str) -> tuple[StoredMedia, bytes] | None:
        return await asyncio.to_thread(self._load, media_id)

    async def describe(self, media_id: str) -> StoredMedia | None:
        return await asyncio.to_thread(self._describe, media_id)

    async def share_with_project(self, media_id: str, project_id: str) -> None:
        if not PROJECT_ID.fullmatch(project_id):
            raise ValueError(f"not a project id: {project_id!r}")
        if await self.describe(media_id) is None:
            raise LookupError(f"no media {media_id!r} to share")
        await asyncio.to_thread(self._s3.put_object, Bucket=self._bucket, Key=f"{SHARED}{media_id}/{project_id}", Body=b"")

    async def link(self, media_id: str, expires_s: int = LINK_MAX_S) -> str:
        return self._s3.generate_presigned_url(
            "get_object", Params={"Bucket": self._bucket, "Key": KEPT + media_id},
            ExpiresIn=max(1, min(expires_s, LINK_MAX_S)),
        )

    async def upload_link(self, owner_id: str, kind: str, content_type: str, size: int) -> dict:
        """A presigned POST: S3 itself refuses a file over the kind's limit (content-length-range),
        of another declared type, or after LINK_MAX_S."""
        allowed = check_declared(kind, content_type, size)
        media_id = uuid.uuid4().hex
        fields = {"Content-Type": content_type, "x-amz-meta-owner": owner_id, "x-amz-meta-kind": kind}
        conditions = [{name: value} for name, value in fields.items()]
        post = self._s3.generate_presigned_post(
            self._bucket, UPLOADS + media_id, Fields=fields,
            Conditions=[*conditions, ["content-length-range", 1, allowed.max_bytes]], ExpiresIn=LINK_MAX_S,
        )
        return {"media_id": media_id, "method": "POST", "url": post["url"], "fields": post["fields"],
                "expires_s": LINK_MAX_S}

    async def complete_upload(self, owner_id: str, media_id: str) -> StoredMedia:
        return await asyncio.to_thread(self._complete, owner_id, media_id)

    def _complete(self, owner_id: str, media_id: str) -> StoredMedia:
        kept = self._describe(media_id)
        if kept is not None and kept.owner_id == owner_id:
            return kept  # completed before: a retry of the same request
        pending = self._head(UPLOADS + media_id) if MEDIA_ID.fullmatch(media_id) else None
        if kept is not None or pending is None or pending["Metadata"].get("owner") != owner_id:
            raise Rejected("We cannot find that upload: please send the file again.")
        kind, size = pending["Metadata"].get("kind", ""), pending["ContentLength"]
        head = self._s3.get_object(Bucket=self._bucket, Key=UPLOADS + media_id,
                                   Range=f"bytes=0-{SNIFF_BYTES - 1}")["Body"].read() if size else b""
        try:
            content_type = check_upload(kind, head, size)
        except Rejected:
            self._s3.delete_object(Bucket=self._bucket, Key=UPLOADS + media_id)
            raise
        media = StoredMedia(media_id, owner_id, kind, content_type, size)
        self._s3.copy_object(Bucket=self._bucket, Key=KEPT + media_id, ContentType=content_type,
                             CopySource={"Bucket": self._bucket, "Key": UPLOADS + media_id},
                             Metadata=_metadata(media), MetadataDirective="REPLACE")
        self._s3.delete_object(Bucket=self._bucket, Key=UPLOADS + media_id)
        return media

    def _describe(self, media_id: str) -> StoredMedia | None:
        head = self._head(KEPT + media_id) if MEDIA_ID.fullmatch(media_id) else None
        if head is None:
            return None
        meta = head["Metadata"]
        markers = self._s3.list_objects_v2(Bucket=self._bucket, Prefix=f"{SHARED}{media_id}/").get("Contents", [])
        projects = tuple(sorted(marker["Key"].rsplit("/", 1)[1] for marker in markers))
        return StoredMedia(media_id, meta.get("owner", ""), meta.get("kind", ""), head["ContentType"],
                           head["ContentLength"], meta.get("derived-from", ""), projects)

    def _load(self, media_id: str) -> tuple[StoredMedia, bytes] | None:
        media = self._describe(media_id)
        if media is None:
            return None
        return media, self._s3.get_object(Bucket=self._bucket, Key=KEPT + media_id)["Body"].read()

    def _head(self, key: str) -> dict | None:
        try:
            return self._s3.head_object(Bucket=self._bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in MISSING:
                return None
            raise


def _metadata(media: StoredMedia) -> dict[str, str]:
    # S3 metadata is ASCII: person ids and kinds are; a derived file names its source.
    meta = {"owner": media.owner_id, "kind": media.kind}
    return {**meta, "derived-from": media.derived_from} if media.derived_from else meta

