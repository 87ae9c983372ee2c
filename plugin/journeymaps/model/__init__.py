"""Step 2: the validated model (vocabulary, personas, journeys), the checks across files, the published addresses."""
