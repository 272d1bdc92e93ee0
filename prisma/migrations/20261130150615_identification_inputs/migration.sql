-- CreateTable
CREATE TABLE "ContingentRecord" (
    "id" SERIAL NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "year" TEXT NOT NULL,
    "pupils" INTEGER NOT NULL,
    "grade9" INTEGER NOT NULL,
    "continuedTo10" INTEGER NOT NULL,
    "olympiadSchool" INTEGER,
    "olympiadMunicipal" INTEGER,
    "olympiadRegional" INTEGER NOT NULL,
    "olympiadFinal" INTEGER NOT NULL,
    "contests" INTEGER,
    "actorLabel" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContingentRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegionFigure" (
    "id" SERIAL NOT NULL,
    "regionId" INTEGER NOT NULL,
    "year" TEXT NOT NULL,
    "ogeRusFailedShare" DOUBLE PRECISION,
    "ogeMathFailedShare" DOUBLE PRECISION,
    "egeRusMeanScore" DOUBLE PRECISION,
    "actorLabel" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RegionFigure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficialList" (
    "id" SERIAL NOT NULL,
    "regionId" INTEGER NOT NULL,
    "year" TEXT NOT NULL,
    "orderNumber" TEXT NOT NULL,
    "orderDate" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "actorLabel" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficialList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficialListSchool" (
    "listId" INTEGER NOT NULL,
    "schoolId" INTEGER NOT NULL,

    CONSTRAINT "OfficialListSchool_pkey" PRIMARY KEY ("listId","schoolId")
);

-- CreateIndex
CREATE INDEX "ContingentRecord_year_idx" ON "ContingentRecord"("year");

-- CreateIndex
CREATE UNIQUE INDEX "ContingentRecord_schoolId_year_key" ON "ContingentRecord"("schoolId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "RegionFigure_regionId_year_key" ON "RegionFigure"("regionId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "OfficialList_regionId_year_key" ON "OfficialList"("regionId", "year");

-- AddForeignKey
ALTER TABLE "ContingentRecord" ADD CONSTRAINT "ContingentRecord_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegionFigure" ADD CONSTRAINT "RegionFigure_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficialList" ADD CONSTRAINT "OfficialList_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficialListSchool" ADD CONSTRAINT "OfficialListSchool_listId_fkey" FOREIGN KEY ("listId") REFERENCES "OfficialList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficialListSchool" ADD CONSTRAINT "OfficialListSchool_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
