-- AlterTable
ALTER TABLE "RoadmapItem" ADD COLUMN     "remindersSent" JSONB NOT NULL DEFAULT '[]';
