function (doc) {
  if (doc.type === "booking") {
    emit([doc.status, doc.start_date], null);
  }
}
