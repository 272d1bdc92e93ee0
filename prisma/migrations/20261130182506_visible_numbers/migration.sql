-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "number" INTEGER;

-- AlterTable
ALTER TABLE "Invite" ADD COLUMN     "number" INTEGER,
ADD COLUMN     "territoryId" INTEGER;

-- CreateIndex
CREATE INDEX "Campaign_municipalityId_number_idx" ON "Campaign"("municipalityId", "number");

-- CreateIndex
CREATE INDEX "Invite_territoryId_number_idx" ON "Invite"("territoryId", "number");

-- Existing rows get their numbers in creation order, per territory (issue 10).
UPDATE "Campaign" c SET "number" = r.n
FROM (SELECT "id", row_number() OVER (PARTITION BY "municipalityId" ORDER BY "id") AS n FROM "Campaign") r
WHERE r."id" = c."id";

UPDATE "Invite" i SET "territoryId" = COALESCE(i."municipalityId", s."municipalityId", 0)
FROM "Invite" j LEFT JOIN "School" s ON s."id" = j."schoolId"
WHERE j."id" = i."id";

UPDATE "Invite" i SET "number" = r.n
FROM (SELECT "id", row_number() OVER (PARTITION BY "territoryId" ORDER BY "id") AS n FROM "Invite") r
WHERE r."id" = i."id";
