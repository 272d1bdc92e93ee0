-- CreateTable
CREATE TABLE "CalendarNotice" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "formKey" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarNotice_userId_formKey_month_key" ON "CalendarNotice"("userId", "formKey", "month");
