"""The rakor handouts: the same ``slides.model.Deck`` written as PPTX, PDF and XLSX, fully offline."""
