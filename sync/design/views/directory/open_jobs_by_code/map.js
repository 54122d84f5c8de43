function (doc) {
  if (doc.type === "job_post" && doc.status === "open") {
    emit(doc.code, null);
  }
}
