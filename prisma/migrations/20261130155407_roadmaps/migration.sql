-- CreateTable
CREATE TABLE "Roadmap" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "regionId" INTEGER NOT NULL,
    "municipalityId" INTEGER,
    "fileName" TEXT NOT NULL,
    "importedById" INTEGER,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Roadmap_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoadmapItem" (
    "id" SERIAL NOT NULL,
    "roadmapId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "row" INTEGER NOT NULL,
    "section" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "deadlineText" TEXT NOT NULL,
    "deadline" JSONB NOT NULL,
    "dueDate" TEXT,
    "responsible" TEXT NOT NULL,
    "schoolId" INTEGER,
    "result" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "doneAt" TIMESTAMP(3),
    "doneById" INTEGER,
    "comment" TEXT,
    "fileId" TEXT,

    CONSTRAINT "RoadmapItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RoadmapItem_roadmapId_idx" ON "RoadmapItem"("roadmapId");

-- AddForeignKey
ALTER TABLE "RoadmapItem" ADD CONSTRAINT "RoadmapItem_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap"("id") ON DELETE CASCADE ON UPDATE CASCADE;
