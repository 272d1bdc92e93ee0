-- The year of a result row is one of a handful of values: the index never helped a query (they
-- all filter by school first) and cost every imported row its upkeep (issue 8, bench:import).
-- DropIndex
DROP INDEX "AssessmentResult_year_idx";
